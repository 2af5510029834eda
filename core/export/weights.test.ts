import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportError } from '../model/codegen/plan';
import { parseProject } from '../model/project-io';
import { exportProject, untrainedWeights } from './index';
import { blockWeight, groupWeights, type NamedWeight } from './weights';

const work = mkdtempSync(join(tmpdir(), 'neuroblocks-weights-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const project = parseProject({
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [4] } },
    { id: 'd1', type: 'Dense', params: { units: 3, activation: 'softmax' } },
  ],
  edges: [{ source: 'in', target: 'd1' }],
});

/** The ExportError that `run` throws or rejects with. */
async function refusal(run: () => unknown): Promise<ExportError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExportError);
    return error as ExportError;
  }
  throw new Error('expected an ExportError');
}

describe('weights that do not fit the graph', () => {
  it('refuses a weight of the wrong shape, naming the block in English and French', async () => {
    const weights = untrainedWeights(tf, project).map((w): NamedWeight =>
      w.name === 'd1/kernel' ? { ...w, shape: [5, 3], data: new Float32Array(15) } : w,
    );
    const error = await refusal(() => exportProject({ tf, project, format: 'tfjs', outDir: join(work, 'shape'), weights }));
    expect(error.nodeId).toBe('d1');
    expect(error.message).toBe(
      'The weight "d1/kernel" has shape 5×3 but block "d1" needs 4×3: the graph changed since the run. Export from a run of the current graph, or without weights.',
    );
    expect(error.fr).toBe(
      'Le poids « d1/kernel » a la forme 5×3, mais le bloc « d1 » demande 4×3 : le graphe a changé depuis cet entraînement. Exportez depuis un entraînement du graphe actuel, ou sans les poids.',
    );
  });

  it('refuses weights of another model in French too', async () => {
    const weights = untrainedWeights(tf, project).map((w) => ({ ...w, name: w.name.replace('d1/', 'other/') }));
    const tfjs = await refusal(() => exportProject({ tf, project, format: 'tfjs', outDir: join(work, 'other-tfjs'), weights }));
    expect(tfjs.fr).toBe(
      'Les poids n’ont pas de « d1/kernel » pour le bloc « d1 » : ils viennent d’un autre modèle. Exportez depuis un entraînement de ce graphe.',
    );
    const onnx = await refusal(() => exportProject({ tf, project, format: 'onnx', outDir: join(work, 'other-onnx'), weights }));
    expect(onnx.nodeId).toBe('d1');
    expect(onnx.fr).toBe(
      'Les poids n’ont pas de « d1/kernel » : ils ne correspondent pas à ce graphe. Exportez depuis un entraînement du graphe actuel.',
    );
  });

  it('refuses a weight whose values do not fill its shape, or that names no block', async () => {
    const short = await refusal(() => groupWeights([{ name: 'd1/bias', shape: [3], dtype: 'float32', data: Float32Array.of(1, 2) }]));
    expect(short.nodeId).toBe('d1');
    expect(short.fr).toBe('Le poids « d1/bias » a 2 valeurs, mais sa forme 3 en demande 3.');
    const nameless = await refusal(() => groupWeights([{ name: 'bias', shape: [1], dtype: 'float32', data: Float32Array.of(1) }]));
    expect(nameless.message).toContain('does not name its block');
    expect(nameless.fr).toBe('Le poids « bias » ne nomme pas son bloc (forme attendue : "bloc/poids", par exemple "conv1/kernel").');
  });

  it('finds a weight that is there', () => {
    const grouped = groupWeights(untrainedWeights(tf, project));
    expect(blockWeight(grouped, 'd1', 'kernel').shape).toEqual([4, 3]);
  });
});
