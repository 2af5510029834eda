/**
 * The exporters' half of the block conformance harness: every conformance case of every block
 * (the block module's own `conformance` list, as core/compile/conformance.test.ts runs through
 * tf.js) goes through every exporter and engine, and each must predict what the app predicts:
 * the TensorFlow.js export (loaded back with tf.loadLayersModel), the ONNX export (checked by the
 * onnx checker and run by onnxruntime), the PyTorch export (run by torch), and the PyTorch
 * training engine's module (its weights moved by the engine's own layout code, both ways). The
 * Keras code of every case compiles as Python. A case an exporter cannot express must be refused
 * with an error that names the block: a block without an exporter fails here, not when a user
 * exports.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceCase } from '../model/block';
import { blockTypes, getBlock } from '../model/blocks/index';
import { activationForms } from '../model/codegen/activations';
import { kerasModelCode } from '../model/codegen/keras';
import { ExportError } from '../model/codegen/plan';
import { pytorchModule } from '../model/codegen/pytorch';
import { parseProject } from '../model/project-io';
import { conformanceGraph } from '../model/test-graphs';
import { exportProject, untrainedWeights } from './index';
import { encodeNpz } from './npz';
import { appPredict, maxAbsDiff, varyBatchNorm } from './test-support';
import { folderLoader } from './tfjs';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const ENGINE = fileURLToPath(new URL('../train/pytorch/engine.py', import.meta.url));
const BATCH = 3;
const FORMATS = ['tfjs', 'onnx', 'pytorch'] as const;
type Format = (typeof FORMATS)[number];
/** `CONFORMANCE_BLOCKS=ZeroPadding2D,Multiply` runs the cases of those blocks only (the whole catalogue takes minutes). */
const only = process.env.CONFORMANCE_BLOCKS?.split(',')
  .map((t) => t.trim())
  .filter(Boolean);
const unknownBlocks = only?.filter((t) => !blockTypes.includes(t)) ?? [];
if (unknownBlocks.length)
  throw new Error(`CONFORMANCE_BLOCKS names no block ${unknownBlocks.join(', ')}; the blocks are ${blockTypes.join(', ')}.`);
const tested = only ?? blockTypes;

interface Prepared {
  id: string;
  type: string;
  c: ConformanceCase;
  shapes: number[][];
  inputs: Float32Array[];
  expected: Float32Array;
  dirs: Partial<Record<Format, string>>;
  refusals: Partial<Record<Format, unknown>>;
  kerasCode: string;
}

const work = mkdtempSync(join(tmpdir(), 'nb-conformance-'));
const prepared: Prepared[] = [];
let python: Record<string, { error?: string; y?: number[]; training?: boolean; roundTrip?: boolean }> = {};

/** One Python process: the onnx checker on every ONNX file, every PyTorch export, every engine module, and the Keras code compiled. */
const pythonChecks = `
import importlib.util, json, sys
import numpy as np, onnx, torch
torch.set_num_threads(1)
spec = importlib.util.spec_from_file_location("neuroblocks_engine", sys.argv[2])
engine = importlib.util.module_from_spec(spec); spec.loader.exec_module(engine)
sys.modules["neuroblocks_augment"] = engine
def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
    return module
def inputs(path):
    with np.load(path) as data:
        return [torch.from_numpy(data["x%d" % i]) for i in range(len(data.files))]
def check(job):
    if job["kind"] == "keras":
        compile(open(job["path"]).read(), job["path"], "exec")
        return {}
    if job["kind"] == "onnx":
        onnx.checker.check_model(onnx.load(job["path"]), full_check=True)
        return {}
    if job["kind"] == "pytorch":
        model = load(job["path"] + "/model.py", "export_" + job["name"]).load_model()
    else:
        module = load(job["path"], "engine_" + job["name"])
        model = getattr(module, job["className"])()
        state, round_trip = {}, True
        with np.load(job["weights"]) as app:
            for entry in job["state"]:
                value = app[entry["name"]]
                moved = engine.to_torch_layout(value, entry["layout"])
                round_trip = round_trip and np.array_equal(engine.to_app_layout(moved, entry["layout"]), value)
                state[entry["key"]] = torch.from_numpy(np.ascontiguousarray(moved, dtype=np.float32))
        for key in job["counters"]:
            state[key] = torch.tensor(0)
        model.load_state_dict(state)
        model.eval()
    with torch.no_grad():
        y = model(*inputs(job["input"]))
    result = {"training": model.training, "y": y.numpy().astype("float64").ravel().tolist()}
    if job["kind"] == "engine":
        result["roundTrip"] = bool(round_trip)
    return result
results = {}
for job in json.load(open(sys.argv[1])):
    try:
        results[job["id"]] = check(job)
    except Exception as error:
        results[job["id"]] = {"error": "%s: %s" % (type(error).__name__, error)}
print(json.dumps(results))
`;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const jobs: Record<string, unknown>[] = [];
  for (const type of tested) {
    getBlock(type)!.conformance.forEach((c, index) => {
      const id = `${type}-${index + 1}`;
      prepared.push({ id, type, c, shapes: [], inputs: [], expected: new Float32Array(), dirs: {}, refusals: {}, kerasCode: '' });
    });
  }
  for (const p of prepared) {
    const dir = join(work, p.id);
    mkdirSync(dir, { recursive: true });
    const graph = conformanceGraph(p.type, p.c);
    const project = parseProject({ format: 'neuroblocks.project', version: 1, name: p.id, graph });
    const weights = varyBatchNorm(untrainedWeights(tf, project));
    const shapes = p.type === 'Input' ? [p.c.params.shape as number[]] : p.c.inputs;
    p.shapes = shapes.map((s) => [BATCH, ...s]);
    p.inputs = p.shapes.map((s, k) =>
      Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 1.7 + k * 0.9 + 0.3) * 1.5),
    );
    p.expected = appPredict(tf, graph, weights, p.inputs, p.shapes);
    const input = join(dir, 'input.npz');
    writeFileSync(input, encodeNpz(Object.fromEntries(p.inputs.map((data, i) => [`x${i}`, { shape: p.shapes[i], data }]))));
    for (const format of FORMATS) {
      try {
        await exportProject({ tf, project, format, outDir: join(dir, format), weights });
        p.dirs[format] = join(dir, format);
      } catch (error) {
        p.refusals[format] = error;
      }
    }
    p.kerasCode = kerasModelCode(graph);
    writeFileSync(join(dir, 'keras.py'), p.kerasCode);
    jobs.push({ id: `${p.id}/keras`, kind: 'keras', path: join(dir, 'keras.py') });
    if (p.dirs.onnx) jobs.push({ id: `${p.id}/onnx`, kind: 'onnx', path: join(p.dirs.onnx, 'model.onnx') });
    if (p.dirs.pytorch) jobs.push({ id: `${p.id}/pytorch`, kind: 'pytorch', name: p.id.replace(/\W/g, '_'), path: p.dirs.pytorch, input });
    if (!p.c.refusedBy?.includes('pytorch')) {
      // The training engine's module: augmentation blocks are the engine's own modules; the weights go in through its layout code.
      const module = pytorchModule(graph, { name: 'Engine model', augment: true, seed: 1 });
      writeFileSync(join(dir, 'engine_model.py'), module.code);
      const appWeights = Object.fromEntries(
        weights.map((w) => [w.name.replace('/', '__'), { shape: w.shape, data: Float32Array.from(w.data) }]),
      );
      writeFileSync(join(dir, 'app_weights.npz'), encodeNpz(appWeights));
      const state = module.state.map((s) => ({ key: s.key, name: `${s.nodeId}__${s.weight}`, layout: s.layout }));
      jobs.push({
        id: `${p.id}/engine`,
        kind: 'engine',
        name: p.id.replace(/\W/g, '_'),
        path: join(dir, 'engine_model.py'),
        className: module.className,
        weights: join(dir, 'app_weights.npz'),
        state,
        counters: module.counters,
        input,
      });
    }
  }
  writeFileSync(join(work, 'jobs.json'), JSON.stringify(jobs));
  const { stdout } = await run(PYTHON, ['-c', pythonChecks, join(work, 'jobs.json'), ENGINE], { maxBuffer: 64 << 20 });
  python = JSON.parse(stdout);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('every conformance case through every exporter and engine', () => {
  it('covers every block of the catalogue, each with a Keras layer and cases', () => {
    expect(new Set(prepared.map((p) => p.type))).toEqual(new Set(tested));
    for (const type of blockTypes) expect(getBlock(type)!.keras.className, type).toMatch(/^[A-Z]\w+$/);
  });

  const label = (p: Prepared) => `${p.id} ${JSON.stringify(p.c.params)} on ${p.c.inputs.map((s) => s.join('×')).join(' + ') || 'nothing'}`;

  it.each(FORMATS)('%s: every case predicts as the app does (within 1e-4), or is refused naming the block', async (format) => {
    for (const p of prepared) {
      const refused = p.c.refusedBy?.includes(format) ?? false;
      if (refused) {
        const error = p.refusals[format];
        expect(error, `${label(p)} should be refused by ${format}`).toBeInstanceOf(ExportError);
        expect((error as ExportError).nodeId, label(p)).toBe('b');
        expect((error as ExportError).message, label(p)).toContain(`${p.type} "b"`);
        expect((error as ExportError).fr, label(p)).toContain(`${p.type} « b »`);
        continue;
      }
      expect(p.refusals[format], `${label(p)}: ${format} export`).toBeUndefined();
      let y: ArrayLike<number>;
      if (format === 'tfjs') {
        const model = await tf.loadLayersModel(folderLoader(p.dirs.tfjs!));
        y = tf.tidy(() => {
          const xs = p.inputs.map((data, i) => tf.tensor(data, p.shapes[i]));
          return (model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor).dataSync();
        });
        model.dispose();
      } else if (format === 'onnx') {
        const check = python[`${p.id}/onnx`];
        expect(check?.error, `${label(p)}: onnx checker`).toBeUndefined();
        const session = await ort.InferenceSession.create(join(p.dirs.onnx!, 'model.onnx'));
        const feeds = Object.fromEntries(session.inputNames.map((n, i) => [n, new ort.Tensor('float32', p.inputs[i], p.shapes[i])]));
        const result = await session.run(feeds);
        y = result[session.outputNames[0]].data as Float32Array;
      } else {
        const result = python[`${p.id}/pytorch`];
        expect(result?.error, `${label(p)}: PyTorch`).toBeUndefined();
        expect(result.training, label(p)).toBe(false);
        y = result.y!;
      }
      expect(y.length, label(p)).toBe(p.expected.length);
      expect(maxAbsDiff(y, p.expected), `${label(p)}: ${format}`).toBeLessThan(1e-4);
    }
  });

  it('the PyTorch engine: every case predicts as the app does at inference, its weights moved both ways by the engine', () => {
    for (const p of prepared) {
      if (p.c.refusedBy?.includes('pytorch')) continue;
      const result = python[`${p.id}/engine`];
      expect(result?.error, `${label(p)}: engine`).toBeUndefined();
      expect(result.roundTrip, label(p)).toBe(true);
      expect(maxAbsDiff(result.y!, p.expected), `${label(p)}: engine`).toBeLessThan(1e-4);
    }
  });

  it('every activation of the exporters’ table is a case of the Activation block, so that its PyTorch code and ONNX nodes run above', () => {
    const cased = new Set(getBlock('Activation')!.conformance.map((c) => c.params.activation));
    expect(Object.keys(activationForms).filter((name) => !cased.has(name))).toEqual([]);
  });

  it('the Keras code of every case names the block’s Keras layer and compiles as Python', () => {
    for (const p of prepared) {
      expect(python[`${p.id}/keras`]?.error, label(p)).toBeUndefined();
      if (p.type !== 'Input') expect(p.kerasCode, label(p)).toContain(`layers.${getBlock(p.type)!.keras.className}(`);
    }
  });
});
