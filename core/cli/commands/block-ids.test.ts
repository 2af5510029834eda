// Block ids that cannot name a layer ("hidden 1", "couché1", "dense(1)") are refused by training
// and export with the block named and the fix, before TensorFlow.js fails on them; the same
// project with the ids the editor gives them trains and exports.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withValidLayerNames } from '../../model/layer-names';
import { NeuroblocksService } from '../../services/services';
import { main } from '../main';
import { recordingIo } from '../test-io';
import { chain } from '../../model/test-graphs';
import { projectOf } from '../../model/project-fixtures';

const project = projectOf(
  'XOR',
  chain(
    ['entrée', 'Input', { shape: [2] }],
    ['hidden 1', 'Dense', { units: 8, activation: 'tanh' }],
    ['dense(1)', 'Dense', { units: 2, activation: 'softmax' }],
  ),
  { dataset: { kind: 'builtin', name: 'xor', size: 100 }, training: { learningRate: 0.03, batchSize: 16, epochs: 2, seed: 2 } },
);

const dir = mkdtempSync(join(tmpdir(), 'nb-block-ids-'));
const file = join(dir, 'odd-ids.json');
writeFileSync(file, JSON.stringify(project));

describe('block ids that are not layer names', () => {
  it('train refuses them, naming each block and the fix', async () => {
    const io = recordingIo();
    expect(await main(['train', file, '--backend', 'cpu'], io)).toBe(1);
    const text = io.text();
    expect(text).toContain('Input "entrée": its id cannot be used as a layer name by training and exports');
    expect(text).toContain('Rename the block, for example to "entree"');
    expect(text).not.toContain('Not a valid tensor name');
  });

  it('export refuses them in every format, naming the block', async () => {
    for (const format of ['tfjs', 'keras', 'pytorch']) {
      const io = recordingIo();
      expect(await main(['export', file, '--format', format, '--out', join(dir, `out-${format}`)], io)).toBe(1);
      expect(io.text()).toMatch(/"hidden 1": its id cannot be used as a layer name/);
    }
  });

  it('the services refuse training and export the same way, in French too', async () => {
    const api = new NeuroblocksService({ host: 'web', configDir: join(dir, 'config'), projectsDir: dir, version: '9.9.9' });
    await expect(api.startTraining(project)).rejects.toMatchObject({
      code: 'invalid-graph',
      message: expect.stringContaining('"entrée": its id cannot be used as a layer name'),
      fr: expect.stringContaining('Renommez le bloc, par exemple en « entree »'),
    });
    await expect(api.exportModel({ project, format: 'keras', outDir: join(dir, 'api-keras') })).rejects.toMatchObject({
      code: 'invalid-graph',
      message: expect.stringContaining('its id cannot be used as a layer name'),
    });
  });

  it('with the ids the editor gives it on opening, the project trains and exports', async () => {
    const renamed = { ...project, graph: withValidLayerNames(project.graph).graph };
    expect(renamed.graph.nodes.map((n) => n.id)).toEqual(['entree', 'hidden_1', 'dense_1']);
    const fixed = join(dir, 'fixed.json');
    writeFileSync(fixed, JSON.stringify(renamed));
    const io = recordingIo();
    expect(await main(['train', fixed, '--backend', 'cpu', '--json'], io)).toBe(0);
    const events = io.stdout.map((line) => JSON.parse(line) as { type: string });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    const out = join(dir, 'out-fixed');
    expect(await main(['export', fixed, '--format', 'tfjs', '--out', out], recordingIo())).toBe(0);
    const model = readFileSync(join(out, 'model.json'), 'utf8');
    for (const name of ['entree', 'hidden_1', 'dense_1']) expect(model).toContain(`"name":"${name}"`);
  });
});
