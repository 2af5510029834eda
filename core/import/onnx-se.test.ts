/**
 * Squeeze-and-excitation and hard activations as torchvision's MobileNetV3 and EfficientNet export
 * them to ONNX (torch.onnx, opset 13, BatchNormalization kept): GlobalAveragePool kept as N×C×1×1,
 * 1×1 Conv → Relu/SiLU → 1×1 Conv → HardSigmoid/Sigmoid, Mul with the feature map; Hardswish and
 * SiLU written as x · HardSigmoid(x) and x · Sigmoid(x). Each file is written by /usr/bin/python3
 * torch, imported, and must predict what torch predicts on random input.
 */
import { problemText } from '../i18n/translate';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPredict, maxAbsDiff } from '../export/test-support';
import { analyzeGraph } from '../model/analyze';
import type { ImportedModel } from './index';
import { importOnnx, loadOnnx } from './onnx';
import { float, floatTensor, ints, node, onnxBytes, toNhwc, waves } from './onnx-test-models';
import { named, PYTHON, torchScript } from './test-support';

const BATCH = 2;
const SIZE = 32;
const work = mkdtempSync(join(tmpdir(), 'nb-import-onnx-se-'));

/** Writes se.onnx (a small network with both squeeze-and-excitation kinds) and mobilenet_v3_small.onnx, with torch's predictions. */
const script = torchScript(`
from torchvision.ops import SqueezeExcitation

def vary(model):
    # Batch statistics that are not PyTorch's initial 0 and 1, so that BatchNormalization is seen; biases
    # that are not torchvision's zeros, and a classifier whose outputs are not torchvision's tiny ones.
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5); m.bias.normal_(0, 0.1)
                m.running_mean.normal_(0, 0.1); m.running_var.uniform_(0.5, 1.5)
            elif isinstance(m, nn.Conv2d) and m.bias is not None:
                m.bias.normal_(0, 0.5)
            elif isinstance(m, nn.Linear):
                m.weight.normal_(0, m.in_features ** -0.5); m.bias.normal_(0, 0.1)
    return model.eval()

class Small(nn.Module):
    def __init__(self):
        super().__init__()
        # MobileNetV3: Hardswish, then SE with Relu and Hardsigmoid.
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(8), nn.Hardswish())
        self.se1 = SqueezeExcitation(8, 4, scale_activation=nn.Hardsigmoid)
        # EfficientNet: SiLU, then SE with SiLU and Sigmoid.
        self.expand = nn.Sequential(nn.Conv2d(8, 12, 1, bias=False), nn.BatchNorm2d(12), nn.SiLU())
        self.se2 = SqueezeExcitation(12, 3, activation=nn.SiLU)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Sequential(nn.Linear(12, 16), nn.Hardswish(), nn.Linear(16, 5))
    def forward(self, x):
        x = self.se2(self.expand(self.se1(self.stem(x))))
        return self.head(torch.flatten(self.pool(x), 1))

x = torch.randn(${BATCH}, 3, ${SIZE}, ${SIZE}, generator=torch.Generator().manual_seed(1))
x.numpy().astype("<f4").tofile(out + "/x.bin")
result = {}
for name, model in [("se", vary(Small())), ("mobilenet_v3_small", vary(torchvision.models.mobilenet_v3_small()))]:
    torch.onnx.export(model, x, out + "/" + name + ".onnx", opset_version=13, training=torch.onnx.TrainingMode.PRESERVE,
                      do_constant_folding=False, input_names=["input"], output_names=["logits"])
    with torch.no_grad():
        result[name] = model(x).numpy().astype("float64").ravel().tolist()
print(json.dumps(result))
`);

let reference: Record<string, number[]>;
let nhwc: Float32Array;
const imported = new Map<string, ImportedModel>();

const types = (model: ImportedModel) =>
  model.graph.nodes.map((n) => `${n.type}${n.params.activation && n.params.activation !== 'linear' ? `:${n.params.activation}` : ''}`);

beforeAll(async () => {
  await tf.setBackend('cpu');
  const { stdout } = await promisify(execFile)(PYTHON, ['-c', script, work], { maxBuffer: 64 << 20 });
  reference = JSON.parse(stdout) as Record<string, number[]>;
  nhwc = toNhwc(new Float32Array(readFileSync(join(work, 'x.bin')).buffer.slice(0)), [BATCH, 3, SIZE, SIZE]);
  for (const name of ['se', 'mobilenet_v3_small']) imported.set(name, await loadOnnx(join(work, `${name}.onnx`)));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('squeeze-and-excitation from torch.onnx (opset 13)', () => {
  it('becomes GlobalAveragePooling2D → Reshape [1, 1, C] → 1×1 Conv2D → 1×1 Conv2D → the gate → Multiply; Hardswish and SiLU become activations', () => {
    const model = imported.get('se')!;
    expect(types(model)).toEqual([
      'Input',
      // PyTorch pads 1 on every side of the stride-2 convolution, where Keras's "same" would pad the bottom and right only.
      'ZeroPadding2D',
      'Conv2D',
      'BatchNormalization',
      'Activation:hard_swish',
      // MobileNetV3's gate: relu, then hardsigmoid(x) = relu6(x + 3) / 6.
      'GlobalAveragePooling2D',
      'Reshape',
      'Conv2D:relu',
      'Conv2D',
      'Rescaling',
      'Activation:relu6',
      'Rescaling',
      'Multiply',
      'Conv2D',
      'BatchNormalization',
      'Activation:swish',
      // EfficientNet's gate: SiLU, then sigmoid.
      'GlobalAveragePooling2D',
      'Reshape',
      'Conv2D:swish',
      'Conv2D:sigmoid',
      'Multiply',
      'GlobalAveragePooling2D',
      'Dense:hard_swish',
      'Dense',
    ]);
    const analysis = analyzeGraph(model.graph);
    expect(analysis.errors).toEqual([]);
    const reshape = model.graph.nodes.find((n) => n.type === 'Reshape')!;
    expect(reshape.params.targetShape).toEqual([1, 1, 8]);
    const [shift, , scale] = model.graph.nodes.filter((n) => n.type === 'Rescaling' || n.params.activation === 'relu6');
    expect(shift.params).toEqual({ scale: 1, offset: 3 });
    expect(scale.params).toEqual({ scale: 1 / 6, offset: 0 });
    const multiply = model.graph.nodes.find((n) => n.type === 'Multiply')!;
    expect(analysis.nodes[multiply.id].inputShapes).toEqual([
      [1, 1, 8],
      [16, 16, 8],
    ]);
    expect(model.notes.map((n) => problemText(n)).join(' ')).toMatch(/1 HardSigmoid node became Rescaling → relu6 → Rescaling blocks/);
  });

  it('predicts what torch predicts, within 1e-4', () => {
    const model = imported.get('se')!;
    const y = appPredict(tf, model.graph, named(model), nhwc, [BATCH, SIZE, SIZE, 3]);
    expect(y.length).toBe(BATCH * 5);
    expect(maxAbsDiff(y, reference.se)).toBeLessThan(1e-4);
  });

  it('a HardSigmoid with other constants (ONNX’s default α 0.2) is the same function in blocks, and predicts what onnxruntime does', async () => {
    const bytes = onnxBytes(
      [
        node('Conv', ['x', 'conv.weight'], ['c'], 'conv/Conv', [ints('kernel_shape', [1, 1])]),
        node('HardSigmoid', ['c'], ['h'], 'gate/HardSigmoid'),
        node('HardSigmoid', ['h'], ['y'], 'gate2/HardSigmoid', [float('alpha', -0.7), float('beta', 0.25)]),
      ],
      [floatTensor('conv.weight', [3, 2, 1, 1], waves(6, 3, 4))],
      [1, 2, 4, 4],
      'y',
      [1, 3, 4, 4],
    );
    const model = importOnnx(bytes, 'gate.onnx');
    expect(types(model)).toEqual(['Input', 'Conv2D', 'Rescaling', 'Activation:relu6', 'Rescaling', 'Activation:relu6', 'Rescaling']);
    // The second gate's shift continues the first gate's last Rescaling: ×(1/6), then ×(6·-0.7) + 6·0.25.
    expect(model.graph.nodes[2].params).toEqual({ scale: 1.2, offset: 3 });
    expect(model.graph.nodes[4].params.scale).toBeCloseTo(-0.7, 6);
    expect(model.graph.nodes[4].params.offset).toBeCloseTo(1.5, 6);
    const x = waves(2 * 4 * 4, 5, 3);
    const session = await ort.InferenceSession.create(bytes);
    const expected = (await session.run({ x: new ort.Tensor('float32', x, [1, 2, 4, 4]) })).y.data as Float32Array;
    const y = appPredict(tf, model.graph, named(model), toNhwc(x, [1, 2, 4, 4]), [1, 4, 4, 2]);
    expect(maxAbsDiff(y, toNhwc(expected, [1, 3, 4, 4]))).toBeLessThan(1e-5);
  });
});

describe('MobileNetV3-Small from torchvision', () => {
  it('imports every squeeze-and-excitation block and Hardswish, and predicts what torch predicts, within 1e-4', () => {
    const model = imported.get('mobilenet_v3_small')!;
    const analysis = analyzeGraph(model.graph);
    expect(analysis.errors).toEqual([]);
    const count = (t: string) => types(model).filter((x) => x === t).length;
    expect(count('Multiply')).toBe(9);
    expect(count('Reshape')).toBe(9);
    expect(model.graph.nodes.filter((n) => n.params.activation === 'hard_swish')).toHaveLength(19);
    const y = appPredict(tf, model.graph, named(model), nhwc, [BATCH, SIZE, SIZE, 3]);
    expect(y.length).toBe(BATCH * 1000);
    expect(maxAbsDiff(y, reference.mobilenet_v3_small)).toBeLessThan(1e-4);
  }, 60_000);
});
