// A model that cannot fit in this computer's memory is refused before training starts, by the
// command line and by the services, and `summary` says why.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NeuroblocksService } from '../../services/services';
import { main } from '../main';
import { recordingIo } from '../test-io';
import { chain } from '../../model/test-graphs';
import { projectOf } from '../../model/project-fixtures';

const project = projectOf(
  'Huge',
  chain(
    ['in', 'Input', { shape: [100_000, 100_000, 3] }],
    ['wide', 'Dense', { units: 100_000, activation: 'relu' }],
    ['pool', 'GlobalAveragePooling2D'],
    ['out', 'Dense', { units: 2, activation: 'softmax' }],
  ),
  { dataset: { kind: 'builtin', name: 'xor', size: 100 }, training: { batchSize: 32, epochs: 1 } },
);

const dir = mkdtempSync(join(tmpdir(), 'nb-memory-'));
const file = join(dir, 'huge.json');
writeFileSync(file, JSON.stringify(project));
const memory = new RegExp(
  `needs at least [0-9.,]+ [A-Z]+ of memory .*more than this computer's ${(totalmem() / 1e9 >= 100 ? Math.round(totalmem() / 1e9) : Math.round(totalmem() / 1e8) / 10).toString().replace('.', '\\.')} GB: it cannot be trained here`,
);

describe('a model larger than the memory of this computer', () => {
  it('summary reports it as an error on the largest block', async () => {
    const io = recordingIo();
    expect(await main(['summary', file], io)).toBe(1);
    expect(io.text()).toMatch(memory);
    expect(io.text()).toContain('The largest is Dense "wide"');
  });

  it('train refuses it before loading data or building the model', async () => {
    const io = recordingIo();
    expect(await main(['train', file, '--backend', 'cpu'], io)).toBe(1);
    expect(io.text()).toMatch(memory);
  });

  it('the services refuse to start training it', async () => {
    const api = new NeuroblocksService({ host: 'web', configDir: join(dir, 'config'), projectsDir: dir, version: '9.9.9' });
    await expect(api.startTraining(project)).rejects.toMatchObject({
      code: 'invalid-graph',
      message: expect.stringMatching(memory),
      fr: expect.stringContaining('il ne peut pas être entraîné ici'),
    });
  });
});
