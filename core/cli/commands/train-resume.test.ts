import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../store/project-store';
import { tempDirPerTest } from '../../store/test-dir';
import { main } from '../main';
import { killAfterEpochs, xorJson } from '../test-cli';
import { recordingIo } from '../test-io';

let dir: string;
tempDirPerTest((path) => (dir = path), 'nb-train-resume-');

describe('neuroblocks train --resume', () => {
  it('goes on with a killed run from its last checkpoint into the same run, and refuses what cannot be resumed', async () => {
    const file = join(dir, 'xor.nbproj');
    await killAfterEpochs(['train', xorJson(dir, 100_000), '--save', file, '--backend', 'cpu']);

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
    expect(await main(['train', xorJson(dir, 100_000), '--resume', '1'], json)).toBe(1);
    expect(json.text()).toMatch(/--resume needs a project file/);
  }, 60_000);
});
