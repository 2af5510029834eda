// A project's pretrained weights are where every engine starts, and what an export without a run
// carries: the frozen block keeps them through training; a block changed since is named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainingUpdate } from '../api/contract';
import { folderLoader } from '../export/tfjs';
import type { Project } from '../model/project';
import { ProjectStore } from '../store/project-store';
import { mlpProject } from '../store/test-helpers';
import type { NamedWeight } from '../store/weights';
import { prepareTorchRun, readWeightFile } from '../train/pytorch/run';
import { exportModel } from './export';
import { TrainingRunner } from './training';
import { problemText } from '../i18n/translate';

const root = mkdtempSync(path.join(tmpdir(), 'nb-pretrained-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Spirals through a frozen hidden layer `h` (the base) and a trainable head. */
const frozenBase = (hiddenUnits = 8): Project => {
  const project = mlpProject({
    name: 'Frozen base',
    hiddenUnits,
    training: { optimizer: 'adam', learningRate: 0.01, epochs: 2, batchSize: 16, seed: 7 },
  });
  project.graph.nodes[1].params.trainable = false;
  return project;
};

const values = (n: number, scale: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + scale) * scale);
const pretrained: NamedWeight[] = [
  { name: 'h/kernel', shape: [2, 8], dtype: 'float32', data: values(16, 0.9) },
  { name: 'h/bias', shape: [8], dtype: 'float32', data: values(8, 0.1) },
];

function projectFile(name: string, project: Project): string {
  const location = path.join(root, `${name}.nbproj`);
  const store = ProjectStore.create(location, project);
  store.setPretrained(pretrained, 'a test base');
  store.close();
  return location;
}

async function train(project: Project, location: string): Promise<{ events: TrainingUpdate['event'][]; last: NamedWeight[] }> {
  const runner = new TrainingRunner();
  const events: TrainingUpdate['event'][] = [];
  // One runner per run: every update is this run's.
  const done = new Promise<void>((resolve) =>
    runner.updates.event((update) => {
      events.push(update.event);
      if (update.event.type === 'final') resolve();
    }),
  );
  await runner.startTraining(project, { location });
  await done;
  const store = ProjectStore.open(location);
  try {
    const [run] = store.listRuns();
    return { events, last: store.loadCheckpoint(run.id, 'last').weights };
  } finally {
    store.close();
  }
}

const weight = (weights: readonly { name: string; data: ArrayLike<number> }[], name: string) =>
  Array.from(weights.find((w) => w.name === name)!.data);

describe('pretrained weights of a project file', () => {
  it('are where training starts: the frozen base ends the run with exactly its pretrained values', async () => {
    const project = frozenBase();
    const { events, last } = await train(project, projectFile('frozen', project));
    expect(events.at(-1)).toMatchObject({ type: 'final', state: 'completed', epochsCompleted: 2 });
    expect(weight(last, 'h/kernel')).toEqual(Array.from(pretrained[0].data));
    expect(weight(last, 'h/bias')).toEqual(Array.from(pretrained[1].data));
    expect(events.filter((e) => e.type === 'warning')).toEqual([]);
  }, 120_000);

  it('that no longer fit a block changed since are named in a warning, in English and French, and the run goes on', async () => {
    const project = frozenBase(4);
    const { events, last } = await train(project, projectFile('changed', project));
    expect(events.at(-1)).toMatchObject({ type: 'final', state: 'completed' });
    const warning = events.find((e) => e.type === 'warning');
    if (warning?.type !== 'warning') throw new Error('no warning');
    expect(warning.message.code).toBe('train:pretrainedNoLongerFit');
    expect(problemText(warning.message, 'en')).toContain('h/kernel (2×8 → 2×4), h/bias (8 → 4)');
    expect(problemText(warning.message, 'fr')).toContain('partent de valeurs aléatoires');
    expect(last.find((w) => w.name === 'h/kernel')!.shape).toEqual([2, 4]);
  }, 120_000);

  it('are the PyTorch engine’s initial weights too', async () => {
    const dir = mkdtempSync(path.join(root, 'torch-'));
    const prepared = await prepareTorchRun({ project: frozenBase(), options: { pretrained } }, dir);
    const initial = prepared.config.initialWeights as { file: string; entries: Parameters<typeof readWeightFile>[1] };
    const weights = readWeightFile(path.join(dir, initial.file), initial.entries);
    expect(Array.from(new Float32Array(weights.find((w) => w.name === 'h/kernel')!.data))).toEqual(Array.from(pretrained[0].data));
  }, 60_000);

  it('go with an export made without a run', async () => {
    const project = frozenBase();
    const location = projectFile('export', project);
    const outDir = path.join(root, 'export-tfjs');
    const result = await exportModel({ format: 'tfjs', location, outDir } as Parameters<typeof exportModel>[0], project, root, '0.0.0');
    expect(result.trained).toBe(false);
    const model = await tf.loadLayersModel(folderLoader(outDir));
    expect(Array.from(model.getLayer('h').getWeights()[0].dataSync())).toEqual(Array.from(pretrained[0].data));
    model.dispose();
  }, 60_000);
});
