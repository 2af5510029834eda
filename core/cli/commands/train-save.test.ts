import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../store/project-store';
import { mlpProject, tempDir, writeProjectJson } from '../../store/test-helpers';
import { main } from '../main';
import { recordingIo } from '../test-io';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin', 'neuroblocks.js');

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('nb-train-save-'));
});
afterEach(() => cleanup());

function xorJson(epochs: number): string {
  return writeProjectJson(
    dir,
    mlpProject({
      name: 'XOR',
      activation: 'tanh',
      dataset: { kind: 'builtin', name: 'xor', size: 200 },
      training: { learningRate: 0.03, batchSize: 16, epochs, seed: 2 },
    }),
    'xor.json',
  );
}

describe('neuroblocks train --save', () => {
  it('creates the project file from the JSON, records the run, and records the next run in the same file', async () => {
    const file = join(dir, 'xor.nbproj');
    const io = recordingIo();
    expect(await main(['train', xorJson(3), '--save', file, '--backend', 'cpu'], io)).toBe(0);
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
    const child = spawn(process.execPath, [bin, 'train', xorJson(100_000), '--save', file, '--backend', 'cpu'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if ((output.match(/^Epoch \d+\//gm) ?? []).length >= 2) resolve();
      });
      child.on('exit', (code) => reject(new Error(`train ended by itself (${code}): ${output}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(existsSync(file)).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'runs', file, '--json'], { cwd: root });
    const [run] = JSON.parse(stdout).runs;
    expect(run.status).toBe('interrupted');
    expect(run.epochs).toBeGreaterThanOrEqual(2);
  });
});
