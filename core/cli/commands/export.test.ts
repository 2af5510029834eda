import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { untrainedWeights } from '../../export/index';
import { appPredict, maxAbsDiff } from '../../export/test-support';
import { parseProjectText } from '../../model/project-io';
import { ProjectStore } from '../../store/project-store';
import { main } from '../main';
import { recordingIo } from '../test-io';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const projectJson = join(root, 'projects', 'mnist-cnn.json');
const temp = () => mkdtempSync(join(tmpdir(), 'nb-export-cli-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('neuroblocks export', () => {
  it('refuses an output folder named as Windows reserves, in the language asked for, writing nothing', async () => {
    const parent = temp();
    const out = join(parent, 'NUL');
    const io = recordingIo();
    expect(await main(['export', projectJson, '--format', 'keras', '--out', out], io)).toBe(1);
    expect(io.stderr.join('\n')).toBe(
      `Cannot export into ${out}: "NUL" is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with any extension), so the file could not be opened there. Choose another folder.`,
    );
    const fr = recordingIo();
    expect(await main(['--lang', 'fr', 'export', projectJson, '--format', 'keras', '--out', out], fr)).toBe(1);
    expect(fr.stderr.join('\n')).toMatch(
      /^Impossible d’exporter dans .*NUL : « NUL » est un nom que Windows réserve .* Choisissez un autre dossier\.$/,
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('writes every format of a project JSON and lists the files', async () => {
    for (const format of ['keras', 'notebook', 'pytorch', 'onnx', 'tfjs']) {
      const out = temp();
      const io = recordingIo();
      expect(await main(['export', projectJson, '--format', format, '--out', out], io), io.text()).toBe(0);
      const files = readdirSync(out);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(io.text()).toContain(f);
    }
  });

  it('exports the weights of a run recorded in a project file, and logs the export there', async () => {
    const project = parseProjectText(readFileSync(projectJson, 'utf8'));
    // Weights unlike the seeded initial ones, as a run would leave them.
    const weights = untrainedWeights(tf, project).map((w) => ({
      ...w,
      dtype: 'float32' as const,
      data: Float32Array.from(w.data, (v, i) => v * 1.5 + Math.sin(i) * 0.01),
    }));
    const file = join(temp(), 'mnist.nbproj');
    const store = ProjectStore.create(file, project);
    const runId = store.startRun({ project, backend: 'cpu' });
    store.saveCheckpoint(runId, { epoch: 1, weights, best: true });
    store.finishRun(runId, 'completed');
    store.close();

    const out = temp();
    const io = recordingIo();
    expect(await main(['export', file, '--format', 'onnx', '--out', out, '--run', String(runId)], io), io.text()).toBe(0);
    expect(io.text()).toContain(`run ${runId}, best checkpoint (epoch 1)`);

    const input = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 29) / 29);
    const session = await ort.InferenceSession.create(join(out, 'model.onnx'));
    const result = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, [2, 28, 28, 1]) });
    const expected = appPredict(tf, project.graph, weights, input, [2, 28, 28, 1]);
    expect(maxAbsDiff(result[session.outputNames[0]].data as Float32Array, expected)).toBeLessThan(1e-4);

    const untrained = recordingIo();
    expect(await main(['export', file, '--format', 'keras', '--out', temp()], untrained), untrained.text()).toBe(0);

    const reopened = ProjectStore.open(file, { readOnly: true });
    expect(reopened.listExports(runId)).toMatchObject([{ runId, format: 'onnx', path: out }]);
    expect(
      reopened
        .listExports()
        .map((e) => e.format)
        .sort(),
    ).toEqual(['keras', 'onnx']);
    reopened.close();
  });

  it('exports from a write-protected project file, saying in the language asked for that the export is not logged there', async () => {
    const project = parseProjectText(readFileSync(projectJson, 'utf8'));
    const file = join(temp(), 'locked.nbproj');
    ProjectStore.create(file, project).close();
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const out = temp();
    const fr = recordingIo();
    expect(await main(['--lang', 'fr', 'export', file, '--format', 'keras', '--out', out], fr), fr.text()).toBe(0);
    expect(fr.stderr.join('\n')).toBe(`L’export n’est pas noté dans ${file} : impossible d’écrire dans ${file} ou dans son dossier.`);
    expect(readdirSync(out).length).toBeGreaterThan(0);
    const en = recordingIo();
    expect(await main(['export', file, '--format', 'keras', '--out', temp()], en), en.text()).toBe(0);
    expect(en.stderr.join('\n')).toBe(`The export is not logged in ${file}: ${file} or its folder cannot be written to.`);
    expect(readFileSync(file).equals(before)).toBe(true);
    chmodSync(file, 0o644);
    const reopened = ProjectStore.open(file, { readOnly: true });
    expect(reopened.listExports()).toEqual([]);
    reopened.close();
  });

  it('refuses a folder holding files the export would replace, writing nothing, and replaces them with --force', async () => {
    const out = temp();
    const mine = { 'index.html': '<p>my own page</p>', 'model.json': '{"mine": true}', 'notes.txt': 'keep me' };
    for (const [name, text] of Object.entries(mine)) writeFileSync(join(out, name), text);
    const io = recordingIo();
    expect(await main(['export', projectJson, '--format', 'web', '--out', out], io)).toBe(1);
    expect(io.text()).toContain(
      `The folder ${out} already holds model.json, index.html, which this export would replace. Choose an empty folder, or confirm that they may be replaced (on the command line: --force).`,
    );
    expect(readdirSync(out).sort()).toEqual(['index.html', 'model.json', 'notes.txt']);
    for (const [name, text] of Object.entries(mine)) expect(readFileSync(join(out, name), 'utf8')).toBe(text);

    const forced = recordingIo();
    expect(await main(['export', projectJson, '--format', 'web', '--out', out, '--force'], forced), forced.text()).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<!doctype html>');
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'))).toHaveProperty('modelTopology');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me');

    // A folder with other files only is written into without asking.
    const other = temp();
    writeFileSync(join(other, 'notes.txt'), 'keep me');
    const pytorch = recordingIo();
    expect(await main(['export', projectJson, '--format', 'pytorch', '--out', other], pytorch), pytorch.text()).toBe(0);
    expect(readdirSync(other).sort()).toEqual(['model.py', 'notes.txt', 'weights.npz']);
    // …and a second export of the same format there refuses, naming model.py.
    const again = recordingIo();
    expect(await main(['export', projectJson, '--format', 'pytorch', '--out', other], again)).toBe(1);
    expect(again.text()).toContain('already holds model.py, weights.npz');
  });

  it('explains what is wrong with the arguments', async () => {
    const io = recordingIo();
    expect(await main(['export', projectJson, '--format', 'caffe', '--out', temp()], io)).toBe(2);
    expect(io.text()).toContain('Unknown format "caffe"');

    const run = recordingIo();
    expect(await main(['export', projectJson, '--format', 'onnx', '--out', temp(), '--run', '1'], run)).toBe(1);
    expect(run.text()).toMatch(/--run needs a project file/);
  });

  it('refuses a graph that cannot be built, naming the block', async () => {
    const file = join(temp(), 'rows.json');
    const graph = {
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [4, 4, 2] } },
        { id: 'conv', type: 'Conv2D', params: { filters: 2, kernelSize: 5 } },
      ],
      edges: [{ source: 'in', target: 'conv' }],
    };
    writeFileSync(file, JSON.stringify(graph));
    const io = recordingIo();
    expect(await main(['export', file, '--format', 'pytorch', '--out', temp()], io)).toBe(1);
    expect(io.text()).toContain('Conv2D "conv"');
  });
});
