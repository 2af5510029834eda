// A model trained on a CSV table: Try it takes a row by column name and answers as the model
// answers on that row of the data set; Evaluate shows the rows as written in the file.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingUpdate } from '../api/contract';
import { IRIS_COLUMNS, irisLikeCsv, irisProject } from '../data/table-fixtures';
import { tableRow } from './inference';
import { NeuroblocksService } from './services';
import { finalTest, serviceFolderPerFile, webService } from './test-service';

const tableProject = (csv: string) => irisProject(csv, { learningRate: 0.05, batchSize: 16, epochs: 4, seed: 3 });

describe('a model trained on a table', () => {
  let root: string;
  let api: NeuroblocksService;
  let csvText: string;

  serviceFolderPerFile('neuroblocks-table-', (folder) => {
    root = folder.root;
    api = webService({ root, projectsDir: root }, { version: '0.0.0' });
  });
  beforeAll(async () => {
    const { text } = irisLikeCsv(40, 7, [
      { after: 10, cells: ['5.1', 'n/a', '1.4', '0.2', 'setosa'] },
      { after: 50, cells: ['6.0', '2.9', '4.5', 'versicolor'] },
    ]);
    csvText = text;
    const csv = path.join(root, 'iris.csv');
    await writeFile(csv, text);
    await finalTest(api, () => api.startTraining(tableProject(csv) as never, { seed: 3 }));
  }, 120_000);

  it('leaves the two bad rows out of the preview and of training, and lists them', async () => {
    const preview = await api.previewDataset({ kind: 'csv', path: path.join(root, 'iris.csv'), labelColumn: 'species' });
    expect(preview.trainCount + preview.testCount).toBe(120);
    expect(preview.skipped.map((s) => [s.line, s.column, s.value])).toEqual([
      [12, 'sepal_width', 'n/a'],
      [53, undefined, undefined],
    ]);
    const input = await api.getModelInUse();
    expect(input?.test?.samples).toBe(preview.testCount);
  });

  it('gives the feature columns for the form, with their kind and training range', async () => {
    const input = await api.getTableInput();
    expect(input?.labelColumn).toBe('species');
    expect(input?.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(input?.columns.map((c) => [c.name, c.kind])).toEqual(IRIS_COLUMNS.map((name) => [name, 'number']));
    for (const column of input!.columns) expect(column.min).toBeLessThan(column.max);
  });

  it('answers a typed row exactly as the model answered that row of the test split', async () => {
    const mistakes = await api.getConfidentMistakes({ limit: 60 });
    const right = await api.getTestSamples({ actual: 0, predicted: 0, limit: 5 });
    expect(right.columns).toEqual(IRIS_COLUMNS);
    const rows = [
      ...mistakes.samples.map((s) => ({ values: s.values, predicted: s.predicted, confidence: s.confidence })),
      ...right.samples.map((s) => ({ values: s.values, predicted: 0, confidence: s.confidence })),
    ];
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const cells = Object.fromEntries(IRIS_COLUMNS.map((name, i) => [name, String(row.values[i])]));
      const prediction = await api.predictRow(cells);
      const best = prediction.probabilities.indexOf(Math.max(...prediction.probabilities));
      expect(best).toBe(row.predicted);
      expect(prediction.probabilities[best]).toBeCloseTo(row.confidence, 5);
    }
  });

  it('shows the mistakes as the rows written in the file, column by column', async () => {
    const mistakes = await api.getConfidentMistakes();
    expect(mistakes.columns).toEqual(IRIS_COLUMNS);
    expect(mistakes.samples.length).toBeGreaterThan(0);
    const lines = new Set(csvText.split('\n').map((l) => l.split(',').slice(0, 4).join(',')));
    for (const sample of mistakes.samples) {
      expect(sample.values).toHaveLength(4);
      expect(lines.has(sample.values.map((v) => v.toFixed(1)).join(','))).toBe(true);
      expect(sample.values.every((v) => Number(v.toFixed(1)) === v)).toBe(true);
    }
  });

  it('reads a decimal comma and ignores the label column', async () => {
    const sample = (await api.getTestSamples({ actual: 0, predicted: 0, limit: 1 })).samples[0];
    const dotted = await api.predictRow(Object.fromEntries(IRIS_COLUMNS.map((name, i) => [name, String(sample.values[i])])));
    const comma = await api.predictRow({
      ...Object.fromEntries(IRIS_COLUMNS.map((name, i) => [name, ` ${String(sample.values[i]).replace('.', ',')} `])),
      species: 'whatever',
    });
    expect(comma.probabilities).toEqual(dotted.probabilities);
  });

  it('names each bad or missing field, in English and French', async () => {
    const error = await api.predictRow({ sepal_length: 'long', sepal_width: '3', petal_length: '' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-row', details: { columns: ['sepal_length', 'petal_length', 'petal_width'] } });
    const { message, fr } = error as { message: string; fr: string };
    expect(message).toMatch(
      /^The row cannot be tried: column "sepal_length" holds "long", which is not a number: type a number such as \d\.\d\d \(the training rows go from [\d.]+ to [\d.]+\); column "petal_length" is empty: type a number/,
    );
    expect(message).toContain('column "petal_width" is empty');
    expect((error as { problem?: { code: string } }).problem?.code).toBe('inference:badRow');
    expect(fr).toMatch(
      /^La ligne ne peut pas être essayée : la colonne « sepal_length » contient « long », qui n’est pas un nombre : tapez un nombre comme \d,\d\d \(les lignes d’entraînement vont de [\d,]+ à [\d,]+\) ; la colonne « petal_length » est vide/,
    );
    await expect(api.predictRow({ sepal_length: '5', colour: 'red' })).rejects.toThrow(
      'The model has no input column "colour". Its columns are "sepal_length", "sepal_width", "petal_length", "petal_width".',
    );
  });

  it('a recorded run prepares rows with the standardisation it recorded, even after the file changed', async () => {
    const csv = path.join(root, 'recorded.csv');
    await writeFile(csv, irisLikeCsv(30, 11).text);
    const trainer = new NeuroblocksService({
      host: 'web',
      configDir: path.join(root, 'config-recorded'),
      projectsDir: root,
      version: '0.0.0',
    });
    const project = tableProject(csv) as never;
    const location = (await trainer.saveProjectAs('iris.nbproj', project)).location;
    const final = new Promise<TrainingUpdate>((resolve) => trainer.onTrainingEvent((u) => u.event.type === 'final' && resolve(u)));
    await trainer.startTraining(project, { location, seed: 3 });
    await final;
    const trained = (await trainer.getTableInput())!;
    const sample = (await trainer.getTestSamples({ actual: 1, predicted: 1, limit: 1 })).samples[0];
    const row = Object.fromEntries(IRIS_COLUMNS.map((name, i) => [name, String(sample.values[i])]));
    const before = await trainer.predictRow(row);

    // Rows far from the others are added: the file's means change, the run's do not.
    await writeFile(csv, irisLikeCsv(30, 11).text + '40,40,40,40,setosa\n50,50,50,50,virginica\n');
    const reopened = new NeuroblocksService({
      host: 'web',
      configDir: path.join(root, 'config-reopened'),
      projectsDir: root,
      version: '0.0.0',
    });
    await reopened.loadRunModel({ location, runId: 1 });
    const loaded = (await reopened.getTableInput())!;
    expect(loaded.columns).toEqual(trained.columns);
    const after = await reopened.predictRow(row);
    for (const [c, p] of after.probabilities.entries()) expect(p).toBeCloseTo(before.probabilities[c], 6);

    // A file whose columns are no longer the run's is refused, saying so.
    await writeFile(csv, irisLikeCsv(30, 11).text.replace('petal_width', 'stem_length'));
    await expect(reopened.loadRunModel({ location, runId: 1 })).rejects.toThrow(
      'Run 1 of iris.nbproj cannot be loaded: The columns of recorded.csv changed since this run was trained: it learned from "sepal_length", "sepal_width", "petal_length", "petal_width" to find "species", and the file now has "sepal_length", "sepal_width", "petal_length", "stem_length" besides "species". Put back the file it was trained on, or train again.',
    );
  }, 120_000);

  it('is refused for a model not trained on a table, and checks its argument', async () => {
    expect(() => tableRow({}, { a: '1' })).toThrow(/was not trained on a table/);
    const fresh = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'other'), projectsDir: root });
    expect(await fresh.getTableInput()).toBeUndefined();
    await expect(fresh.predictRow({ a: '1' })).rejects.toMatchObject({ code: 'no-model' });
  });
});
