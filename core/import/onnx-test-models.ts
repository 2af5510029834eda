// Small ONNX networks written with the app's own ONNX encoder, for the importer's tests: each is
// run by onnxruntime as the reference. Not shipped code: only tests import this module.
import {
  encodeModel,
  floatTensor,
  int64Tensor,
  type OnnxAttribute,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
} from '../export/onnx/protobuf';

/** Deterministic values in [-scale, scale]. */
export function waves(length: number, seed: number, scale = 1): Float32Array {
  return Float32Array.from({ length }, (_, i) => Math.sin(i * 12.9898 + seed * 78.233) * scale);
}

export function node(opType: string, inputs: string[], outputs: string[], name: string, attributes: OnnxAttribute[] = []): OnnxNode {
  return { opType, inputs, outputs, name, attributes };
}

export const ints = (name: string, value: number[]): OnnxAttribute => ({ name, type: 'ints', value });
export const int = (name: string, value: number): OnnxAttribute => ({ name, type: 'int', value });
export const float = (name: string, value: number): OnnxAttribute => ({ name, type: 'float', value });

/** The bytes of a model with one float input of `inputShape` and one output of `outputShape` (batch first). */
export function onnxBytes(
  nodes: OnnxNode[],
  initializers: OnnxTensor[],
  inputShape: (number | string)[],
  output: string,
  outputShape: (number | string)[],
  opset = 14,
): Uint8Array {
  const model: OnnxModel = {
    irVersion: 7,
    opsetVersion: opset,
    producerName: 'neuroblocks-tests',
    producerVersion: '1',
    graphName: 'test',
    nodes,
    initializers,
    inputs: [{ name: 'x', elemType: 1, shape: inputShape }],
    outputs: [{ name: output, elemType: 1, shape: outputShape }],
    metadata: {},
  };
  return encodeModel(model);
}

/**
 * A light network with most supported operators: scalar Mul and Add (one Rescaling), a strided
 * Conv with explicit pads (ZeroPadding2D) and Clip(0, 6), a depthwise Conv (multiplier 2) with
 * HardSwish, a 1×1 Conv without bias, BatchNormalization, Sigmoid, MaxPool, Mul of two tensors,
 * Concat, AveragePool, Flatten of a 12×2×2 image, Gemm (transB, alpha), Relu, MatMul + Add, Softmax.
 */
export function mobileLike(): Uint8Array {
  const t = (name: string, dims: number[], seed: number, scale = 0.5) =>
    floatTensor(
      name,
      dims,
      waves(
        dims.reduce((a, b) => a * b, 1),
        seed,
        scale,
      ),
    );
  const nodes = [
    node('Mul', ['x', 'two'], ['scaled'], 'pre/Mul'),
    node('Add', ['scaled', 'minus_one'], ['shifted'], 'pre/Add'),
    node('Conv', ['shifted', 'stem.weight', 'stem.bias'], ['stem'], 'stem/Conv', [
      ints('kernel_shape', [3, 3]),
      ints('strides', [2, 2]),
      ints('pads', [1, 1, 1, 1]),
    ]),
    node('Clip', ['stem', 'zero', 'six'], ['stem6'], 'stem/Clip'),
    node('Conv', ['stem6', 'dw.weight', 'dw.bias'], ['dw'], 'dw/Conv', [
      ints('kernel_shape', [3, 3]),
      ints('pads', [1, 1, 1, 1]),
      int('group', 4),
    ]),
    node('HardSwish', ['dw'], ['dwa'], 'dw/HardSwish'),
    node('Conv', ['dwa', 'pw.weight'], ['pw'], 'pw/Conv', [ints('kernel_shape', [1, 1])]),
    node('BatchNormalization', ['pw', 'bn.weight', 'bn.bias', 'bn.running_mean', 'bn.running_var'], ['bn'], 'bn/BatchNormalization', [
      float('epsilon', 1e-3),
    ]),
    node('Sigmoid', ['bn'], ['a'], 'act/Sigmoid'),
    node('MaxPool', ['a'], ['b'], 'pool/MaxPool', [ints('kernel_shape', [3, 3]), ints('strides', [1, 1]), ints('pads', [1, 1, 1, 1])]),
    node('Mul', ['a', 'b'], ['gated'], 'gate/Mul'),
    node('Concat', ['a', 'gated'], ['cat'], 'cat/Concat', [int('axis', 1)]),
    node('AveragePool', ['cat'], ['avg'], 'avg/AveragePool', [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]),
    node('Flatten', ['avg'], ['flat'], 'flat/Flatten'),
    node('Gemm', ['flat', 'fc1.weight', 'fc1.bias'], ['fc1'], 'fc1/Gemm', [int('transB', 1), float('alpha', 0.5)]),
    node('Relu', ['fc1'], ['fc1r'], 'fc1/Relu'),
    node('MatMul', ['fc1r', 'fc2.weight'], ['fc2m'], 'fc2/MatMul'),
    node('Add', ['fc2m', 'fc2.bias'], ['fc2'], 'fc2/Add'),
    node('Softmax', ['fc2'], ['y'], 'out/Softmax', [int('axis', -1)]),
  ];
  const initializers = [
    floatTensor('two', [], [2]),
    floatTensor('minus_one', [], [-1]),
    t('stem.weight', [4, 3, 3, 3], 1),
    t('stem.bias', [4], 2),
    floatTensor('zero', [], [0]),
    floatTensor('six', [], [6]),
    t('dw.weight', [8, 1, 3, 3], 3),
    t('dw.bias', [8], 4),
    t('pw.weight', [6, 8, 1, 1], 5),
    t('bn.weight', [6], 6),
    t('bn.bias', [6], 7),
    t('bn.running_mean', [6], 8),
    floatTensor(
      'bn.running_var',
      [6],
      Float32Array.from(waves(6, 9), (v) => 0.5 + v * v),
    ),
    t('fc1.weight', [5, 48], 10),
    t('fc1.bias', [5], 11),
    t('fc2.weight', [5, 3], 12),
    t('fc2.bias', [3], 13),
  ];
  return onnxBytes(nodes, initializers, ['batch', 3, 8, 8], 'y', ['batch', 3]);
}

/** Pad, Conv + Relu, GlobalAveragePool, Squeeze and Unsqueeze (the vector made a 1×1 image again, as squeeze-and-excitation blocks do), a 1×1 Conv + Sigmoid. */
export function padAndSqueeze(): Uint8Array {
  const nodes = [
    node('Pad', ['x', 'pads'], ['padded'], 'pad/Pad'),
    node('Conv', ['padded', 'conv.weight', 'conv.bias'], ['c'], 'conv/Conv', [ints('kernel_shape', [3, 3])]),
    node('Relu', ['c'], ['r'], 'conv/Relu'),
    node('GlobalAveragePool', ['r'], ['g'], 'pool/GlobalAveragePool'),
    node('Squeeze', ['g', 'axes'], ['v'], 'squeeze/Squeeze'),
    node('Unsqueeze', ['v', 'axes'], ['u'], 'unsqueeze/Unsqueeze'),
    node('Conv', ['u', 'excite.weight', 'excite.bias'], ['e'], 'excite/Conv', [ints('kernel_shape', [1, 1])]),
    node('Sigmoid', ['e'], ['y'], 'excite/Sigmoid'),
  ];
  const initializers = [
    int64Tensor('pads', [8], [0, 0, 1, 2, 0, 0, 1, 2]),
    int64Tensor('axes', [2], [2, 3]),
    floatTensor('conv.weight', [4, 2, 3, 3], waves(72, 21)),
    floatTensor('conv.bias', [4], waves(4, 22)),
    floatTensor('excite.weight', [8, 4, 1, 1], waves(32, 23)),
    floatTensor('excite.bias', [8], waves(8, 24)),
  ];
  return onnxBytes(nodes, initializers, [1, 2, 6, 5], 'y', [1, 8, 1, 1]);
}

/** A max pooling whose output size is rounded up (ceil_mode, as GoogLeNet's), then ReduceMean over the image (as MNASNet's) and Gemm. */
export function ceilAndReduce(): Uint8Array {
  const nodes = [
    node('Conv', ['x', 'conv.weight'], ['c'], 'conv/Conv', [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1])]),
    node('MaxPool', ['c'], ['p'], 'pool/MaxPool', [ints('kernel_shape', [3, 3]), ints('strides', [2, 2]), int('ceil_mode', 1)]),
    node('ReduceMean', ['p'], ['m'], 'mean/ReduceMean', [ints('axes', [2, 3]), int('keepdims', 0)]),
    node('Gemm', ['m', 'fc.weight', 'fc.bias'], ['y'], 'fc/Gemm', [int('transB', 1)]),
  ];
  const initializers = [
    floatTensor('conv.weight', [4, 2, 3, 3], waves(72, 31)),
    floatTensor('fc.weight', [3, 4], waves(12, 32)),
    floatTensor('fc.bias', [3], waves(3, 33)),
  ];
  return onnxBytes(nodes, initializers, [1, 2, 8, 8], 'y', [1, 3]);
}

/** A 3×3 Conv of a 2×8×8 image, then `last` on its output (refusal tests). */
export function convThen(last: OnnxNode, extra: OnnxTensor[] = [], outputShape: number[] = [1, 4, 6, 6]): Uint8Array {
  return onnxBytes(
    [node('Conv', ['x', 'conv.weight'], ['c'], 'conv/Conv', [ints('kernel_shape', [3, 3])]), last],
    [floatTensor('conv.weight', [4, 2, 3, 3], waves(72, 1)), ...extra],
    [1, 2, 8, 8],
    last.outputs[0],
    outputShape,
  );
}

export { floatTensor, int64Tensor };

/** Values in NCHW order (torch's and ONNX's) rearranged in NHWC order (the app's). */
export function toNhwc(data: Float32Array, [n, c, h, w]: number[]): Float32Array {
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[((b * h + y) * w + x) * c + ch] = data[((b * c + ch) * h + y) * w + x];
  return out;
}
