// How a weight moves between the app's (Keras's) layout and another runtime's: a transpose, then
// optionally a reshape. Data, not code, so that the PyTorch engine (in Python) applies the same
// description both ways. Browser-safe.

export type WeightDtype = 'float32' | 'int32' | 'bool';

/**
 * One weight tensor of a model, named as a trained run names it (`conv1/kernel`, `block/weight`),
 * with its shape, dtype and values in C order: what a run stores and the exporters take.
 */
export interface NamedWeight {
  name: string;
  shape: number[];
  dtype: WeightDtype;
  data: Float32Array | Int32Array | Uint8Array;
}

/** A weight tensor: its shape and values in C order. */
export interface WeightTensor {
  shape: number[];
  data: Float32Array;
}

/**
 * Keras layout → target layout: `permute` the axes (target axis i is source axis permute[i]),
 * then, when given, `reshape` to that shape; `permuted` is the shape between the two, which the
 * way back needs. The empty layout copies.
 */
export interface WeightLayout {
  permute?: number[];
  permuted?: number[];
  reshape?: number[];
}

/** The same values, copied. */
export const copyLayout: WeightLayout = {};
/** Keras Conv2D kernel [kh, kw, in, out] → [out, in, kh, kw] (PyTorch's Conv2d, ONNX's Conv). */
export const convKernelLayout: WeightLayout = { permute: [3, 2, 0, 1] };
/** Keras Dense kernel [in, out] → PyTorch Linear weight [out, in]. */
export const denseKernelLayout: WeightLayout = { permute: [1, 0] };

/** A transpose of `shape` by `permute`, then a reshape to `reshape` (same size). */
export function reshapedLayout(permute: number[], shape: number[], reshape: number[]): WeightLayout {
  return { permute, permuted: permute.map((axis) => shape[axis]), reshape };
}

function transpose(tensor: WeightTensor, permute: number[]): WeightTensor {
  const { shape, data } = tensor;
  const rank = shape.length;
  const outShape = permute.map((axis) => shape[axis]);
  const inStrides = new Array<number>(rank);
  for (let i = rank - 1, stride = 1; i >= 0; stride *= shape[i], i--) inStrides[i] = stride;
  const strides = permute.map((axis) => inStrides[axis]);
  const out = new Float32Array(data.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let source = 0;
    for (let i = 0; i < rank; i++) source += index[i] * strides[i];
    out[o] = data[source];
    for (let i = rank - 1; i >= 0; i--) {
      if (++index[i] < outShape[i]) break;
      index[i] = 0;
    }
  }
  return { shape: outShape, data: out };
}

/** A weight in the app's layout → the target layout. */
export function toTargetLayout(tensor: WeightTensor, layout: WeightLayout): WeightTensor {
  const moved = layout.permute ? transpose(tensor, layout.permute) : { shape: [...tensor.shape], data: Float32Array.from(tensor.data) };
  return layout.reshape ? { shape: [...layout.reshape], data: moved.data } : moved;
}

/** A weight in the target layout → the app's layout. */
export function toAppLayout(tensor: WeightTensor, layout: WeightLayout): WeightTensor {
  const unshaped = layout.reshape && layout.permuted ? { shape: [...layout.permuted], data: tensor.data } : tensor;
  if (!layout.permute) return { shape: [...unshaped.shape], data: Float32Array.from(unshaped.data) };
  const inverse = new Array<number>(layout.permute.length);
  layout.permute.forEach((axis, i) => (inverse[axis] = i));
  return transpose(unshaped, inverse);
}
