import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Debian's Python has torch; the one first on PATH may not.
const PYTHON = '/usr/bin/python3';
const ranksScript = fileURLToPath(new URL('./ranks.py', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'nb-ranks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const script = (name: string, text: string) => {
  const file = path.join(root, name);
  writeFileSync(file, text);
  return file;
};

function launch(nproc: number, file: string, input: string) {
  const child = spawn(PYTHON, [ranksScript, '--nproc', String(nproc), file], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += String(c)));
  child.stderr.on('data', (c) => (err += String(c)));
  child.stdin.end(input);
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out, err })),
  );
}

describe('local DistributedDataParallel ranks', () => {
  it('start N processes that meet over gloo, each with its rank; rank 0 alone has the standard input and output', async () => {
    const allReduce = script(
      'all_reduce.py',
      `import json, os, sys, torch, torch.distributed as dist
dist.init_process_group("gloo")
rank, world = dist.get_rank(), dist.get_world_size()
t = torch.tensor([float(rank + 1)])
dist.all_reduce(t)
said = sys.stdin.readline().strip() if rank == 0 else ""
print(json.dumps({"rank": rank, "world": world, "sum": t.item(), "local": int(os.environ["LOCAL_RANK"]), "said": said}), flush=True)
dist.destroy_process_group()
`,
    );
    const { code, out } = await launch(3, allReduce, 'hello\n');
    expect(code).toBe(0);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([{ rank: 0, world: 3, sum: 6, local: 0, said: 'hello' }]);
  }, 60_000);

  it('ends every rank when one fails, says which, and exits with its code', async () => {
    const failing = script(
      'failing.py',
      `import sys, time, torch.distributed as dist
dist.init_process_group("gloo")
if dist.get_rank() == 1:
    print("rank 1 ran out of memory", file=sys.stderr, flush=True)
    sys.exit(3)
time.sleep(600)
`,
    );
    const started = Date.now();
    const { code, err } = await launch(2, failing, '');
    expect(code).toBe(3);
    expect(err).toContain('rank 1 ran out of memory');
    expect(err).toContain('rank 1 of 2 failed (exit code 3)');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
