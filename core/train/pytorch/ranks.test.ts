import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchRanks } from './ranks';

// Debian's Python has torch; the one first on PATH may not.
const PYTHON = '/usr/bin/python3';
const root = mkdtempSync(path.join(tmpdir(), 'nb-ranks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const script = (name: string, text: string) => {
  const file = path.join(root, name);
  writeFileSync(file, text);
  return file;
};

const readAll = async (stream: NodeJS.ReadableStream) => {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
};

describe('local DistributedDataParallel ranks', () => {
  it('start N processes that meet over gloo, each with its rank, and only rank 0 is heard', async () => {
    const allReduce = script(
      'all_reduce.py',
      `import json, os, sys, torch, torch.distributed as dist
dist.init_process_group("gloo")
rank, world = dist.get_rank(), dist.get_world_size()
t = torch.tensor([float(rank + 1)])
dist.all_reduce(t)
line = sys.stdin.readline().strip() if rank == 0 else ""
print(json.dumps({"rank": rank, "world": world, "sum": t.item(), "local": int(os.environ["LOCAL_RANK"]), "threads": int(os.environ["OMP_NUM_THREADS"]), "said": line}), flush=True)
dist.destroy_process_group()
`,
    );
    const ranks = await launchRanks({ python: PYTHON, args: [allReduce], nproc: 3, threadsPerRank: 1 });
    ranks.stdin.end('hello\n');
    const out = await readAll(ranks.stdout);
    const end = await ranks.done;
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(end.failedRank).toBeUndefined();
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ rank: 0, world: 3, sum: 6, local: 0, threads: 1, said: 'hello' }]);
  }, 60_000);

  it('ends every rank when one fails, and says which one and what it printed', async () => {
    const failing = script(
      'failing.py',
      `import os, sys, time, torch.distributed as dist
dist.init_process_group("gloo")
if dist.get_rank() == 1:
    print("rank 1 ran out of memory", file=sys.stderr, flush=True)
    sys.exit(3)
time.sleep(600)
`,
    );
    const started = Date.now();
    const ranks = await launchRanks({ python: PYTHON, args: [failing], nproc: 2, threadsPerRank: 1 });
    ranks.stdin.end();
    const end = await ranks.done;
    expect(end.failedRank).toBe(1);
    expect(end.stderrTail).toContain('rank 1 ran out of memory');
    // Rank 0 was ended rather than left sleeping.
    expect(end.signal).toBe('SIGTERM');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
