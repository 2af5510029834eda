import { problemText } from '../i18n/translate';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject } from '../export/index';
import { encodeNpz } from '../export/npz';
import { encodeModel } from '../export/onnx/protobuf';
import { appPredict, maxAbsDiff } from '../export/test-support';
import { analyzeGraph } from '../model/analyze';
import { parseProject } from '../model/project-io';
import type { Project } from '../model/project';
import { importerFor, ImportError, type ImportedModel } from './index';
import { importOnnx, loadOnnx } from './onnx';
import {
  ceilAndReduce,
  convThen,
  floatTensor,
  int,
  int64Tensor,
  ints,
  mobileLike,
  node,
  onnxBytes,
  padAndSqueeze,
  toNhwc,
  waves,
} from './onnx-test-models';
import { named, PYTHON, torchScript } from './test-support';

const BATCH = 2;
const work = mkdtempSync(join(tmpdir(), 'nb-import-onnx-'));

/**
 * One Python process for the whole file: it writes a ResNet18 with random weights (BatchNormalization
 * with varied statistics, the same for every layer of a width, so that the file shares them through
 * Identity nodes as real exports do) in two ONNX files, prints torch's predictions on random inputs,
 * then runs the PyTorch exports it is sent, one JSON line each.
 */
const pythonSession = torchScript(`
model = torchvision.models.resnet18(weights=None)
for m in model.modules():
    if isinstance(m, torch.nn.BatchNorm2d):
        g = torch.Generator().manual_seed(m.num_features)
        with torch.no_grad():
            m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
            m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.1)
            m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
model.eval()
x = torch.randn(${BATCH}, 3, 64, 64, generator=torch.Generator().manual_seed(1))
torch.onnx.export(model, x, out + "/resnet18.onnx", training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False,
                  input_names=["input"], output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
torch.onnx.export(model, x, out + "/resnet18-folded.onnx", input_names=["input"], output_names=["logits"])
with torch.no_grad():
    y = model(x)
x.numpy().astype("<f4").tofile(out + "/x.bin")
def ops(name):
    graph = onnx.load(out + "/" + name).graph
    return sorted({n.op_type for n in graph.node}), sum(n.op_type == "Identity" for n in graph.node)
print(json.dumps({"y": y.numpy().ravel().tolist(), "torchParams": sum(p.numel() for p in model.parameters()),
                  "kept": ops("resnet18.onnx"), "folded": ops("resnet18-folded.onnx")}), flush=True)
for line in sys.stdin:
    job = json.loads(line)
    try:
        spec = importlib.util.spec_from_file_location("export_" + str(job["id"]), job["path"] + "/model.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        exported = module.load_model()
        with np.load(job["input"]) as inputs, torch.no_grad():
            result = {"y": exported(torch.from_numpy(inputs["x0"])).numpy().astype("float64").ravel().tolist(), "training": exported.training}
    except Exception as error:
        result = {"error": f"{type(error).__name__}: {error}"}
    print(json.dumps(result), flush=True)
`);

class PythonSession {
  private readonly process: ChildProcessWithoutNullStreams;
  private buffer = '';
  private stderr = '';
  private waiting: ((line: string) => void)[] = [];
  private lines: string[] = [];

  constructor(script: string, args: string[]) {
    this.process = spawn(PYTHON, ['-c', script, ...args]);
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let cut;
      while ((cut = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, cut);
        this.buffer = this.buffer.slice(cut + 1);
        const next = this.waiting.shift();
        if (next) next(line);
        else this.lines.push(line);
      }
    });
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** The next JSON line Python prints. */
  next<T>(): Promise<T> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(JSON.parse(line) as T);
    if (this.process.exitCode !== null) return Promise.reject(new Error(`Python exited: ${this.stderr.slice(-2000)}`));
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`Python exited: ${this.stderr.slice(-2000)}`));
      this.process.once('exit', onExit);
      this.waiting.push((l) => {
        this.process.off('exit', onExit);
        resolve(JSON.parse(l) as T);
      });
    });
  }

  send<T>(job: unknown): Promise<T> {
    this.process.stdin.write(`${JSON.stringify(job)}\n`);
    return this.next<T>();
  }

  close(): void {
    this.process.stdin.end();
  }
}

interface TorchReference {
  y: number[];
  torchParams: number;
  kept: [string[], number];
  folded: [string[], number];
}

let python: PythonSession;
let reference: TorchReference;
/** The random images in NCHW (torch's and ONNX's order) and NHWC (the app's). */
let nchw: Float32Array;
let nhwc: Float32Array;
const imported = new Map<string, ImportedModel>();

const projectOf = (model: ImportedModel): Project =>
  parseProject({ format: 'neuroblocks.project', version: 1, name: model.name, graph: model.graph });

function importError(bytes: Uint8Array, name = 'model.onnx'): ImportError {
  try {
    importOnnx(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('The import did not fail.');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  python = new PythonSession(pythonSession, [work]);
  reference = await python.next<TorchReference>();
  nchw = new Float32Array(readFileSync(join(work, 'x.bin')).buffer.slice(0));
  nhwc = toNhwc(nchw, [BATCH, 3, 64, 64]);
  for (const name of ['resnet18.onnx', 'resnet18-folded.onnx']) imported.set(name, await loadOnnx(join(work, name)));
}, 240_000);

afterAll(() => {
  python?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('ResNet18 from torchvision', () => {
  it('is written as real exports are: BatchNormalization kept in one file, folded in the other, weights shared through Identity nodes', () => {
    expect(reference.kept[0]).toContain('BatchNormalization');
    expect(reference.folded[0]).not.toContain('BatchNormalization');
    expect(reference.kept[1]).toBeGreaterThan(0);
    expect(reference.folded[1]).toBeGreaterThan(0);
  });

  it('imports with 11,699,112 parameters as Keras counts them: PyTorch’s 11,689,512 and the 9,600 moving statistics', () => {
    const model = imported.get('resnet18.onnx')!;
    const analysis = analyzeGraph(model.graph);
    expect(analysis.errors).toEqual([]);
    expect(reference.torchParams).toBe(11_689_512);
    expect(analysis.totalParams).toBe(11_699_112);
    expect(analysis.nonTrainableParams).toBe(9_600);
    expect(model.graph.nodes.filter((n) => n.type === 'BatchNormalization')).toHaveLength(20);
    expect(model.graph.nodes.find((n) => n.type === 'BatchNormalization')!.params).toMatchObject({ epsilon: 1e-5, momentum: 0.9 });
    // The stem's 7×7 convolution pads 3 on every side, which Keras's "same" does not: a ZeroPadding2D before a "valid" one.
    expect(model.graph.nodes.find((n) => n.id === 'conv1')!.params).toMatchObject({ kernelSize: 7, strides: 2, padding: 'valid' });
    expect(model.graph.edges).toContainEqual({ source: 'conv1.pad', target: 'conv1' });
    expect(model.graph.nodes.find((n) => n.id === 'input')!.params.shape).toEqual([64, 64, 3]);
    expect(model.notes.map((n) => problemText(n)).join(' ')).toMatch(/shared through Identity/);
  });

  it('predicts what torch predicts, within 1e-4', () => {
    const model = imported.get('resnet18.onnx')!;
    const y = appPredict(tf, model.graph, named(model), nhwc, [BATCH, 64, 64, 3]);
    expect(y.length).toBe(BATCH * 1000);
    expect(maxAbsDiff(y, reference.y)).toBeLessThan(1e-4);
  }, 60_000);

  it('the folded export (BatchNormalization inside the convolutions) imports and predicts the same', () => {
    const model = imported.get('resnet18-folded.onnx')!;
    const analysis = analyzeGraph(model.graph);
    expect(model.graph.nodes.some((n) => n.type === 'BatchNormalization')).toBe(false);
    // Folded: every convolution has a bias (9,600 statistics and 4,800 scales/shifts fewer, 4,800 biases more).
    expect(analysis.totalParams).toBe(11_689_512 - 9_600 + 4_800);
    expect(model.graph.nodes.find((n) => n.id === 'conv1')!.params.activation).toBe('relu');
    const y = appPredict(tf, model.graph, named(model), nhwc, [BATCH, 64, 64, 3]);
    expect(maxAbsDiff(y, reference.y)).toBeLessThan(1e-4);
  }, 60_000);

  it('exports to ONNX that onnxruntime runs to torch’s predictions, within 1e-4', async () => {
    const model = imported.get('resnet18.onnx')!;
    const outDir = join(work, 'export-onnx');
    await exportProject({ tf, project: projectOf(model), format: 'onnx', outDir, weights: named(model) });
    const session = await ort.InferenceSession.create(join(outDir, 'model.onnx'));
    const result = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', nhwc, [BATCH, 64, 64, 3]) });
    expect(maxAbsDiff(result[session.outputNames[0]].data as Float32Array, reference.y)).toBeLessThan(1e-4);
  }, 60_000);

  it('exports to PyTorch that predicts torch’s predictions, within 1e-4', async () => {
    const model = imported.get('resnet18.onnx')!;
    const outDir = join(work, 'export-pytorch');
    await exportProject({ tf, project: projectOf(model), format: 'pytorch', outDir, weights: named(model) });
    const input = join(work, 'input.npz');
    writeFileSync(input, encodeNpz({ x0: { shape: [BATCH, 64, 64, 3], data: nhwc } }));
    const result = await python.send<{ y: number[]; training: boolean; error?: string }>({ id: 'resnet18', path: outDir, input });
    expect(result.error).toBeUndefined();
    expect(result.training).toBe(false);
    expect(maxAbsDiff(result.y, reference.y)).toBeLessThan(1e-4);
  }, 120_000);

  it('is found by its extension in the importers’ table', () => {
    expect(importerFor('/some/where/ResNet18.ONNX')?.format).toBe('onnx');
  });
});

describe('operators of light networks', () => {
  it('a network with depthwise convolutions, relu6, hard_swish, concatenation and a Flatten before Dense predicts what onnxruntime does', async () => {
    const bytes = mobileLike();
    const model = importOnnx(bytes, 'mobile.onnx');
    const types = model.graph.nodes.map(
      (n) => `${n.type}${n.params.activation && n.params.activation !== 'linear' ? `:${n.params.activation}` : ''}`,
    );
    expect(types).toEqual([
      'Input',
      'Rescaling',
      'ZeroPadding2D',
      'Conv2D:relu6',
      'DepthwiseConv2D:hard_swish',
      'Conv2D',
      'BatchNormalization',
      'Activation:sigmoid',
      'MaxPooling2D',
      'Multiply',
      'Concatenate',
      'AveragePooling2D',
      'Flatten',
      'Dense:relu',
      'Dense:softmax',
    ]);
    expect(model.graph.nodes.find((n) => n.type === 'Rescaling')!.params).toEqual({ scale: 2, offset: -1 });
    expect(model.graph.nodes.find((n) => n.type === 'DepthwiseConv2D')!.params).toMatchObject({ depthMultiplier: 2, padding: 'same' });
    expect(model.graph.nodes.find((n) => n.type === 'BatchNormalization')!.params.epsilon).toBe(0.001);
    const x = waves(BATCH * 3 * 8 * 8, 42, 1.5);
    const session = await ort.InferenceSession.create(bytes);
    const expected = (await session.run({ x: new ort.Tensor('float32', x, [BATCH, 3, 8, 8]) })).y.data as Float32Array;
    const y = appPredict(tf, model.graph, named(model), toNhwc(x, [BATCH, 3, 8, 8]), [BATCH, 8, 8, 3]);
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
    expect(model.notes.map((n) => problemText(n)).join(' ')).toMatch(/reordered for the app's Flatten/);
  });

  it('Pad becomes ZeroPadding2D, and a squeezed then unsqueezed vector a 1×1 image for the convolution after it', async () => {
    const bytes = padAndSqueeze();
    const model = importOnnx(bytes, 'se.onnx');
    expect(
      model.graph.nodes.map((n) => `${n.type}${n.params.activation && n.params.activation !== 'linear' ? `:${n.params.activation}` : ''}`),
    ).toEqual(['Input', 'ZeroPadding2D', 'Conv2D:relu', 'GlobalAveragePooling2D', 'Reshape', 'Conv2D:sigmoid']);
    expect(model.graph.nodes[1].params.padding).toEqual([1, 2]);
    const x = waves(2 * 6 * 5, 3, 2);
    const session = await ort.InferenceSession.create(bytes);
    const expected = (await session.run({ x: new ort.Tensor('float32', x, [1, 2, 6, 5]) })).y.data as Float32Array;
    const y = appPredict(tf, model.graph, named(model), toNhwc(x, [1, 2, 6, 5]), [1, 6, 5, 2]);
    expect(y.length).toBe(8);
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
  });

  it('a max pooling rounded up (ceil_mode) that Keras’s "same" reproduces, and ReduceMean over the image, import exactly', async () => {
    const bytes = ceilAndReduce();
    const model = importOnnx(bytes, 'ceil.onnx');
    expect(model.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'MaxPooling2D', 'GlobalAveragePooling2D', 'Dense']);
    expect(model.graph.nodes[2].params).toMatchObject({ poolSize: 3, strides: 2, padding: 'same' });
    const x = waves(2 * 8 * 8, 4, 2);
    const session = await ort.InferenceSession.create(bytes);
    const expected = (await session.run({ x: new ort.Tensor('float32', x, [1, 2, 8, 8]) })).y.data as Float32Array;
    const y = appPredict(tf, model.graph, named(model), toNhwc(x, [1, 2, 8, 8]), [1, 8, 8, 2]);
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
  });

  it('without the reordering of Dense’s rows after Flatten the predictions would differ (the test sees the layout)', async () => {
    const bytes = mobileLike();
    const model = importOnnx(bytes, 'mobile.onnx');
    const x = waves(BATCH * 3 * 8 * 8, 42, 1.5);
    const session = await ort.InferenceSession.create(bytes);
    const expected = (await session.run({ x: new ort.Tensor('float32', x, [BATCH, 3, 8, 8]) })).y.data as Float32Array;
    const kernel = model.weights.find((w) => w.name.endsWith('fc1/kernel'))!;
    const [rows, units] = kernel.shape;
    // The kernel's rows in ONNX's channel-first order, as a naive import would leave them.
    const naive = new Float32Array(kernel.data.length);
    for (let i = 0; i < rows; i++) {
      const c = i % 12;
      const pixel = Math.floor(i / 12);
      for (let u = 0; u < units; u++) naive[(c * 4 + pixel) * units + u] = kernel.data[i * units + u];
    }
    const weights = named(model).map((w) => (w.name === kernel.name ? { ...w, data: naive } : w));
    const y = appPredict(tf, model.graph, weights, toNhwc(x, [BATCH, 3, 8, 8]), [BATCH, 8, 8, 3]);
    expect(maxAbsDiff(y, expected)).toBeGreaterThan(1e-3);
  });
});

describe('refusals', () => {
  it('an operator the app cannot express is refused by name, with its node, in English and French', () => {
    const error = importError(convThen(node('LRN', ['c'], ['y'], 'norm1/LRN', [int('size', 3)])));
    expect(error.message).toMatch(/^LRN node "norm1\/LRN": the app has no block for the ONNX operator LRN/);
    expect(error.message).toMatch(/Supported operators: Conv, BatchNormalization/);
    expect(error.fr).toMatch(/^Le nœud LRN « norm1\/LRN » : l’application n’a aucun bloc pour l’opérateur ONNX LRN/);
    expect(error.at).toBe('LRN');
    // The problem itself: the node's code, with the reason nested in it as a code of its own.
    expect(error.problem).toMatchObject({
      code: 'import:onnxNode',
      params: { op: 'LRN', name: 'norm1/LRN', reason: { code: 'import:onnxOperator', params: { op: 'LRN' } } },
    });
  });

  it('a max pooling padded around values that may be negative is refused, not approximated with zeros', () => {
    const error = importError(
      convThen(
        node('MaxPool', ['c'], ['y'], 'pool/MaxPool', [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), ints('pads', [1, 1, 1, 1])]),
      ),
    );
    expect(error.message).toMatch(/MaxPool node "pool\/MaxPool": its `pads` \[1, 1, 1, 1\] cannot be expressed.*-∞.*may be negative/);
    expect(error.fr).toMatch(/peut être négative/);
  });

  it('the same max pooling after a relu imports with a ZeroPadding2D and predicts what onnxruntime does', async () => {
    const bytes = onnxBytes(
      [
        node('Conv', ['x', 'conv.weight'], ['c'], 'conv/Conv', [ints('kernel_shape', [3, 3])]),
        node('Relu', ['c'], ['r'], 'relu/Relu'),
        node('MaxPool', ['r'], ['y'], 'pool/MaxPool', [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), ints('pads', [1, 1, 1, 1])]),
      ],
      [floatTensor('conv.weight', [4, 2, 3, 3], waves(72, 1))],
      [1, 2, 8, 8],
      'y',
      [1, 4, 3, 3],
    );
    const model = importOnnx(bytes, 'pool.onnx');
    expect(model.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'ZeroPadding2D', 'MaxPooling2D']);
    const x = waves(2 * 8 * 8, 5);
    const session = await ort.InferenceSession.create(bytes);
    const expected = (await session.run({ x: new ort.Tensor('float32', x, [1, 2, 8, 8]) })).y.data as Float32Array;
    // The output is an image: the app gives it as H×W×C.
    const y = appPredict(tf, model.graph, named(model), toNhwc(x, [1, 2, 8, 8]), [1, 8, 8, 2]);
    expect(maxAbsDiff(y, toNhwc(expected, [1, 4, 3, 3]))).toBeLessThan(1e-5);
    expect(model.notes.map((n) => problemText(n)).join(' ')).toMatch(/is an image: the app gives it as H×W×C/);
  });

  it('a convolution in groups that is neither ordinary nor depthwise is refused, naming `group`', () => {
    const bytes = onnxBytes(
      [node('Conv', ['x', 'conv.weight'], ['y'], 'grouped/Conv', [ints('kernel_shape', [3, 3]), int('group', 2)])],
      [floatTensor('conv.weight', [4, 2, 3, 3], waves(72, 1))],
      [1, 4, 8, 8],
      'y',
      [1, 4, 6, 6],
    );
    const error = importError(bytes);
    expect(error.message).toMatch(/Conv node "grouped\/Conv": its `group` 2 cannot be expressed.*not convolutions in 2 groups/);
  });

  it('padding on one side only, unlike Keras’s "same", and an uneven Pad import as ZeroPadding2D [[top, bottom], [left, right]] and predict what onnxruntime does', async () => {
    const bytes = convThen(
      node('Conv', ['c', 'w2'], ['y'], 'odd/Conv', [ints('kernel_shape', [3, 3]), ints('pads', [0, 0, 2, 2])]),
      [floatTensor('w2', [4, 4, 3, 3], waves(144, 2))],
      [1, 4, 6, 6],
    );
    const model = importOnnx(bytes, 'odd.onnx');
    expect(model.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'ZeroPadding2D', 'Conv2D']);
    expect(model.graph.nodes[2].params.padding).toEqual([
      [0, 2],
      [0, 2],
    ]);
    const x = waves(2 * 8 * 8, 6);
    const session = await ort.InferenceSession.create(bytes);
    const expected = (await session.run({ x: new ort.Tensor('float32', x, [1, 2, 8, 8]) })).y.data as Float32Array;
    const y = appPredict(tf, model.graph, named(model), toNhwc(x, [1, 2, 8, 8]), [1, 8, 8, 2]);
    expect(maxAbsDiff(y, toNhwc(expected, [1, 4, 6, 6]))).toBeLessThan(1e-5);

    const pad = onnxBytes(
      [node('Pad', ['x', 'pads'], ['y'], 'pad/Pad')],
      [int64Tensor('pads', [8], [0, 0, 0, 2, 0, 0, 1, 0])],
      [1, 2, 3, 4],
      'y',
      [1, 2, 4, 6],
    );
    const padded = importOnnx(pad, 'pad.onnx');
    expect(padded.graph.nodes[1]).toMatchObject({
      type: 'ZeroPadding2D',
      params: {
        padding: [
          [0, 1],
          [2, 0],
        ],
      },
    });
    const px = waves(2 * 3 * 4, 7);
    const padSession = await ort.InferenceSession.create(pad);
    const padExpected = (await padSession.run({ x: new ort.Tensor('float32', px, [1, 2, 3, 4]) })).y.data as Float32Array;
    expect(maxAbsDiff(appPredict(tf, padded.graph, [], toNhwc(px, [1, 2, 3, 4]), [1, 3, 4, 2]), toNhwc(padExpected, [1, 2, 4, 6]))).toBe(0);
  });

  it('a Pad that removes rows or pads the channels is refused, naming `pads`', () => {
    for (const pads of [
      [0, 0, -1, 0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0, 0, 0],
    ]) {
      const error = importError(
        onnxBytes([node('Pad', ['x', 'pads'], ['y'], 'pad/Pad')], [int64Tensor('pads', [8], pads)], [1, 2, 3, 4], 'y', [1, 2, 4, 6]),
      );
      expect(error.message).toBe(
        `Pad node "pad/Pad": its \`pads\` [${pads.join(', ')}] cannot be expressed with the app's blocks: ZeroPadding2D adds rows and columns to the height and the width (none removed), and nothing to the batch or the channels.`,
      );
      expect(error.fr).toContain('ZeroPadding2D ajoute des lignes et des colonnes');
    }
  });

  it('a truncated file gets a clear error', () => {
    const whole = readFileSync(join(work, 'resnet18.onnx'));
    for (const length of [whole.length - 1, Math.floor(whole.length / 2), 100]) {
      const error = importError(whole.subarray(0, length), 'resnet18.onnx');
      expect(error.message).toMatch(/not a complete ONNX model: .* runs past the end of its data .* It is truncated or damaged/);
      expect(error.fr).toMatch(/tronqué ou abîmé/);
    }
  });

  it('a file that is not ONNX gets a clear error, whatever it holds', () => {
    const texts = [
      importError(new TextEncoder().encode('{"format": "neuroblocks.project", "version": 1}'), 'project.onnx'),
      importError(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image.onnx'),
      importError(new Uint8Array(0), 'empty.onnx'),
      // A valid protobuf message that is not a model: a field 1 varint alone.
      importError(Uint8Array.from([0x08, 0x07]), 'number.onnx'),
    ].map((e) => e.message);
    for (const text of texts) expect(text).toMatch(/not (an ONNX model|a complete ONNX model)|is empty/);
    expect(texts[3]).toMatch(/number\.onnx is not an ONNX model: it has no graph/);
  });

  it('a model that lies about a tensor’s size gets a clear error naming the tensor', () => {
    const lying = { ...floatTensor('conv.weight', [4, 2, 3, 3], waves(72, 1)) };
    lying.raw = lying.raw.subarray(0, 40);
    const bytes = onnxBytes(
      [node('Conv', ['x', 'conv.weight'], ['y'], 'conv/Conv', [ints('kernel_shape', [3, 3])])],
      [lying],
      [1, 2, 8, 8],
      'y',
      [1, 4, 6, 6],
    );
    expect(importError(bytes).message).toMatch(
      /tensor "conv.weight" holds 40 bytes but its shape 4×2×3×3 of float32 needs 288: the file is damaged/,
    );
  });

  it('weights that do not fit the tensors they are applied to are refused as damage, naming the node', () => {
    const wrongChannels = onnxBytes(
      [node('Conv', ['x', 'conv.weight'], ['y'], 'conv/Conv', [ints('kernel_shape', [3, 3])])],
      [floatTensor('conv.weight', [4, 3, 3, 3], waves(108, 1))],
      [1, 2, 8, 8],
      'y',
      [1, 4, 6, 6],
    );
    expect(importError(wrongChannels).message).toBe(
      'Conv node "conv/Conv": its weights take 3 channels but its input has 2: the file is damaged.',
    );
    const wrongInputs = onnxBytes(
      [node('Flatten', ['x'], ['f'], 'flat'), node('Gemm', ['f', 'fc.weight'], ['y'], 'fc/Gemm', [int('transB', 1)])],
      [floatTensor('fc.weight', [3, 10], waves(30, 1))],
      [1, 4],
      'y',
      [1, 3],
    );
    const error = importError(wrongInputs);
    expect(error.message).toBe('Gemm node "fc/Gemm": its weights take 10 values but its input has 4: the file is damaged.');
    expect(error.fr).toBe('Le nœud Gemm « fc/Gemm » : ses poids prennent 10 valeurs mais son entrée en a 4 : le fichier est abîmé.');
  });

  it('a file without an operator set version is refused', () => {
    const bytes = encodeModel({
      irVersion: 7,
      opsetVersion: 0,
      producerName: 'x',
      producerVersion: '1',
      graphName: 'g',
      nodes: [node('Relu', ['x'], ['y'], 'relu')],
      initializers: [],
      inputs: [{ name: 'x', elemType: 1, shape: [1, 4] }],
      outputs: [{ name: 'y', elemType: 1, shape: [1, 4] }],
      metadata: {},
    });
    expect(importError(bytes).message).toMatch(/names no version of ONNX’s operator set/);
  });
});
