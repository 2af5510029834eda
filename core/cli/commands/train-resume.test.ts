import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  ({ dir, cleanup } = tempDir('nb-train-resume-'));
});
afterEach(() => cleanup());

function xorJson(): string {
  return writeProjectJson(
    dir,
    mlpProject({
      name: 'XOR',
      activation: 'tanh',
      dataset: { kind: 'builtin', name: 'xor', size: 200 },
      training: { learningRate: 0.03, batchSize: 16, epochs: 100_000, seed: 2 },
    }),
    'xor.json',
  );
}

describe('neuroblocks train --resume', () => {
  it('goes on with a killed run from its last checkpoint into the same run, and refuses what cannot be resumed', async () => {
    const file = join(dir, 'xor.nbproj');
    const child = spawn(process.execPath, [bin, 'train', xorJson(), '--save', file, '--backend', 'cpu'], {
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

    let store = ProjectStore.open(file);
    expect(store.getRun(1).status).toBe('interrupted');
    const checkpoint = store.loadCheckpoint(1, 'last');
    const kept = store.getRun(1).epochMetrics.slice(0, checkpoint.epoch);
    store.close();
    const total = checkpoint.epoch + 2;

    const io = recordingIo();
    expect(await main(['train', file, '--resume', '1', '--epochs', String(total), '--backend', 'cpu'], io)).toBe(0);
    expect(io.text()).toContain(`Resuming run 1 at epoch ${checkpoint.epoch + 1} of ${total}.`);
    expect(io.text()).toContain(
      `Done: Trained for ${total} epochs. Resumed from the checkpoint of epoch ${checkpoint.epoch}, with the optimizer's state.`,
    );
    expect(io.text()).not.toMatch(/same --size/);
    expect(io.text()).toMatch(/Recorded as run 1 in /);

    store = ProjectStore.open(file, { readOnly: true });
    const run = store.getRun(1);
    expect(run.status).toBe('completed');
    expect(run.epochMetrics.map((m) => m.epoch)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(run.epochMetrics.slice(0, checkpoint.epoch)).toEqual(kept);
    expect(store.loadCheckpoint(1, 'last').epoch).toBe(total);
    expect(store.listRuns()).toHaveLength(1);
    store.close();

    const again = recordingIo();
    expect(await main(['train', file, '--resume', '1', '--backend', 'cpu'], again)).toBe(1);
    expect(again.text()).toMatch(/Run 1 is completed: .*nothing to resume/);
    const unknown = recordingIo();
    expect(await main(['train', file, '--resume', '7', '--backend', 'cpu'], unknown)).toBe(1);
    expect(unknown.text()).toMatch(/Run 7 does not exist/);
    const json = recordingIo();
    expect(await main(['train', xorJson(), '--resume', '1'], json)).toBe(1);
    expect(json.text()).toMatch(/--resume needs a project file/);
  }, 60_000);
});
