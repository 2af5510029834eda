import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../store/project-store';
import { tempDirPerTest } from '../../store/test-dir';
import { main } from '../main';
import { bin, killAfterEpochs, root, xorJson } from '../test-cli';
import { recordingIo } from '../test-io';

let dir: string;
tempDirPerTest((path) => (dir = path), 'nb-train-save-');

describe('neuroblocks train --save', () => {
  it('creates the project file from the JSON, records the run, and records the next run in the same file', async () => {
    const file = join(dir, 'xor.nbproj');
    const io = recordingIo();
    expect(await main(['train', xorJson(dir, 3), '--save', file, '--backend', 'cpu'], io)).toBe(0);
    expect(io.text()).toMatch(/Recorded as run 1 in .*xor\.nbproj/);
    // A project file as input records into itself.
    expect(await main(['train', file, '--backend', 'cpu', '--epochs', '2'], recordingIo())).toBe(0);
    const store = ProjectStore.open(file, { readOnly: true });
    const runs = store.listRuns();
    expect(runs.map((r) => [r.status, r.epochs, r.backend])).toEqual([
      ['completed', 3, 'cpu'],
      ['completed', 2, 'cpu'],
    ]);
    const run = store.getRun(1);
    expect(run.datasetHash).toMatch(/^sha256:/);
    expect(run.evaluations).toHaveLength(1);
    expect(store.loadCheckpoint(1, 'last').epoch).toBe(3);
    store.close();
  });

  it('killed while training, the file shows the interrupted run with its completed epochs', async () => {
    const file = join(dir, 'killed.nbproj');
    await killAfterEpochs(['train', xorJson(dir, 100_000), '--save', file, '--backend', 'cpu']);
    expect(existsSync(file)).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'runs', file, '--json'], { cwd: root });
    const [run] = JSON.parse(stdout).runs;
    expect(run.status).toBe('interrupted');
    expect(run.epochs).toBeGreaterThanOrEqual(2);
  });
});
