// Gradient kernels for the 'wasm' backend of TensorFlow.js.
//
// @tensorflow/tfjs-backend-wasm ships no Conv2DBackpropFilter, so a CNN cannot train on it, and
// the gradient kernels it does ship (Conv2DBackpropInput, MaxPoolGrad, transposed BatchMatMul) are
// plain loops many times slower than its XNNPACK forward kernels. Here:
// - both convolution gradients are rewritten as forward convolutions run by XNNPACK, with a few
//   Transpose/PadV2/Reverse/Reshape kernels around them, so no JavaScript touches the elements;
// - a matrix product with a transposed operand transposes that operand first, then takes the
//   XNNPACK path;
// - MaxPoolGrad is one pass over the pooling windows on the WASM heap;
// - the depthwise gradients, rare in our blocks, are direct loops on the WASM heap.
// Every kernel is checked against the pure-JS CPU backend in wasm-gradients.test.ts.
import type * as tfTypes from '@tensorflow/tfjs';

type Tf = typeof tfTypes;
type TensorInfo = tfTypes.TensorInfo;
type Backend = any;
type KernelFunc = (args: {
  inputs: Record<string, TensorInfo>;
  backend: Backend;
  attrs?: Record<string, unknown>;
}) => TensorInfo | TensorInfo[];

type PadAttr = 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];

interface ConvGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  strideHeight: number;
  strideWidth: number;
  filterHeight: number;
  filterWidth: number;
  padInfo: { top: number; left: number; bottom: number; right: number };
}

/** Names of the kernels this module adds to the 'wasm' backend. */
export const addedWasmKernels = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
] as const;

/** Kernels the WASM backend has but that are much slower than a composition of its fast ones. */
export const replacedWasmKernels = ['Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'Identity'] as const;

function wasmKernel(tf: Tf, name: string): KernelFunc {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`The WASM backend has no ${name} kernel; the gradient kernels need it.`);
  return config.kernelFunc as unknown as KernelFunc;
}

function single(result: TensorInfo | TensorInfo[]): TensorInfo {
  return Array.isArray(result) ? result[0] : result;
}

function requireChannelsLast(dataFormat: unknown, kernel: string): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`${kernel} on WASM supports channels-last (NHWC) tensors only, got ${String(dataFormat)}.`);
  }
}

interface Conv2DGradAttrs {
  strides: number | [number, number];
  pad: PadAttr;
  dataFormat?: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** The geometry of a channels-last 2-D convolution (dilation 1) whose gradient `kernel` computes. */
function conv2dGeometry(tf: Tf, inputShape: number[], filterShape: number[], attrs: Conv2DGradAttrs, kernel: string): ConvGeometry {
  requireChannelsLast(attrs.dataFormat, kernel);
  return tf.backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  ) as unknown as ConvGeometry;
}

type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

/** Runs WASM kernels on TensorInfos and frees every intermediate result at the end. */
class KernelScope {
  private readonly temporaries: TensorInfo[] = [];
  constructor(
    private readonly tf: Tf,
    private readonly backend: Backend,
  ) {}

  run(name: string, inputs: Record<string, TensorInfo> | TensorInfo[], attrs: Record<string, unknown> = {}): TensorInfo {
    const result = single(wasmKernel(this.tf, name)({ inputs: inputs as Record<string, TensorInfo>, backend: this.backend, attrs }));
    this.temporaries.push(result);
    return result;
  }

  /** Hands `result` to the caller instead of freeing it. */
  release(result: TensorInfo): TensorInfo {
    const index = this.temporaries.indexOf(result);
    if (index >= 0) this.temporaries.splice(index, 1);
    return result;
  }

  dispose(): void {
    for (const t of this.temporaries) this.backend.disposeData(t.dataId);
    this.temporaries.length = 0;
  }

  slice(x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    return this.run('Slice', { x }, { begin, size });
  }
}

function withScope(tf: Tf, backend: Backend, body: (scope: KernelScope) => TensorInfo): TensorInfo {
  const scope = new KernelScope(tf, backend);
  try {
    return scope.release(body(scope));
  } finally {
    scope.dispose();
  }
}

/**
 * The filter gradient is itself a convolution, with the batch as the summed dimension:
 *   dW[i, j, c, o] = Σ over (n, y, x) of xPadded[n, y·sh + i, x·sw + j, c] · dy[n, y, x, o]
 * i.e. the input laid out [C, H, W, N] convolved (dilation = stride) with dy laid out
 * [oH, oW, N, O], giving [C, fh, fw, O]. XNNPACK runs it; two transposes surround it.
 * (Measured: faster than im2col + matMul, and than letting x play the filter.)
 */
function makeConv2DBackpropFilter(tf: Tf): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs;
    const a = attrs as unknown as Conv2DGradAttrs & { filterShape: [number, number, number, number] };
    const info = conv2dGeometry(tf, x.shape, a.filterShape, a, 'Conv2DBackpropFilter');
    const { inChannels, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
    const { top, left, bottom, right } = info.padInfo;
    return withScope(tf, backend, (k) => {
      let source = k.run('Transpose', { x }, { perm: [3, 1, 2, 0] });
      if (top || left || bottom || right) {
        source = k.run(
          'PadV2',
          { x: source },
          {
            paddings: [
              [0, 0],
              [top, bottom],
              [left, right],
              [0, 0],
            ],
            constantValue: 0,
          },
        );
      }
      const kernel = k.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
      let grad = k.run(
        'Conv2D',
        { x: source, filter: kernel },
        { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [strideHeight, strideWidth] },
      );
      // Rows or columns that no output position reaches come out beyond the filter size.
      if (grad.shape[1] !== filterHeight || grad.shape[2] !== filterWidth) {
        grad = k.slice(grad, [0, 0, 0, 0], [inChannels, filterHeight, filterWidth, outChannels]);
      }
      return k.run('Transpose', { x: grad }, { perm: [1, 2, 0, 3] });
    });
  };
}

/** [B, H, W, C] → [B, H·sh, W·sw, C] with each element followed by sh − 1 rows and sw − 1 columns of zeros. */
function spreadByStride(k: KernelScope, x: TensorInfo, strideHeight: number, strideWidth: number): TensorInfo {
  const [b, h, w, c] = x.shape;
  const expanded = k.run('Reshape', { x }, { shape: [b, h, 1, w, 1, c] });
  const padded = k.run(
    'PadV2',
    { x: expanded },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, strideHeight - 1],
        [0, 0],
        [0, strideWidth - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  return k.run('Reshape', { x: padded }, { shape: [b, h * strideHeight, w * strideWidth, c] });
}

/**
 * The input gradient is the convolution of dy (with stride − 1 zeros inserted between its
 * elements) with the filter flipped in space and with its channel axes swapped; XNNPACK runs it.
 */
function makeConv2DBackpropInput(tf: Tf): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs;
    const a = attrs as unknown as Conv2DGradAttrs & { inputShape: [number, number, number, number] };
    const info = conv2dGeometry(tf, a.inputShape, filter.shape, a, 'Conv2DBackpropInput');
    const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
    const { top, left } = info.padInfo;
    if (top > filterHeight - 1 || left > filterWidth - 1) {
      throw new Error(
        `Conv2DBackpropInput on WASM needs padding smaller than the filter (${filterHeight}×${filterWidth}), got top ${top}, left ${left}.`,
      );
    }
    return withScope(tf, backend, (k) => {
      let spread = dy;
      // Rows and columns of the stride-spread dy beyond its last real element (all zeros).
      let extraRows = 0;
      let extraCols = 0;
      if (strideHeight > 1 || strideWidth > 1) {
        spread = spreadByStride(k, dy, strideHeight, strideWidth);
        extraRows = strideHeight - 1;
        extraCols = strideWidth - 1;
      }
      const rows = (outHeight - 1) * strideHeight + 1;
      const cols = (outWidth - 1) * strideWidth + 1;
      let padBottom = inHeight - rows + top - extraRows;
      let padRight = inWidth - cols + left - extraCols;
      if (padBottom < 0 || padRight < 0) {
        spread = k.slice(
          spread,
          [0, 0, 0, 0],
          [batchSize, rows + extraRows + Math.min(padBottom, 0), cols + extraCols + Math.min(padRight, 0), outChannels],
        );
        padBottom = Math.max(padBottom, 0);
        padRight = Math.max(padRight, 0);
      }
      const flipped = k.run('Reverse', { x: filter }, { dims: [0, 1] });
      const swapped = k.run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
      const padTop = filterHeight - 1 - top;
      const padLeft = filterWidth - 1 - left;
      const padding: ExplicitPad = [
        [0, 0],
        [padTop, padBottom],
        [padLeft, padRight],
        [0, 0],
      ];
      return k.run('Conv2D', { x: spread, filter: swapped }, { strides: [1, 1], pad: padding, dataFormat: 'NHWC', dilations: [1, 1] });
    });
  };
}

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: PadAttr;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Each output window sends its gradient to the first position holding its maximum (row-major
 * order, as the CPU backend does); overlapping windows add up. One pass over the windows with
 * channels innermost: as fast as the native MaxPoolWithArgmax + ScatterNd pair, and exact.
 */
function makeMaxPoolGrad(tf: Tf): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, input } = inputs;
    const a = attrs as unknown as PoolAttrs;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      a.filterSize,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
    const { top, left } = info.padInfo;
    // Allocate first: allocating may grow the WASM memory and detach earlier views of the heap.
    const out = backend.makeOutput(input.shape, 'float32') as TensorInfo;
    const dx = backend.typedArrayFromHeap(out) as Float32Array;
    const xs = backend.typedArrayFromHeap(input) as Float32Array;
    const dys = backend.typedArrayFromHeap(dy) as Float32Array;
    dx.fill(0);
    for (let n = 0; n < batchSize; n++) {
      for (let yo = 0; yo < outHeight; yo++) {
        const rStart = Math.max(0, yo * strideHeight - top);
        const rEnd = Math.min(inHeight, yo * strideHeight - top + filterHeight);
        for (let xo = 0; xo < outWidth; xo++) {
          const cStart = Math.max(0, xo * strideWidth - left);
          const cEnd = Math.min(inWidth, xo * strideWidth - left + filterWidth);
          const dyBase = ((n * outHeight + yo) * outWidth + xo) * C;
          for (let c = 0; c < C; c++) {
            let best = Number.NEGATIVE_INFINITY;
            let bestIndex = -1;
            for (let r = rStart; r < rEnd; r++) {
              let index = ((n * inHeight + r) * inWidth + cStart) * C + c;
              for (let col = cStart; col < cEnd; col++, index += C) {
                const v = xs[index];
                if (v > best) {
                  best = v;
                  bestIndex = index;
                }
              }
            }
            if (bestIndex >= 0) dx[bestIndex] += dys[dyBase + c];
          }
        }
      }
    }
    return out;
  };
}

/**
 * Identity (tf.clone, and many steps of a layers model) copies the data on WASM; kernels never
 * write into their inputs, so sharing the data with one more reference is enough, as the CPU
 * backend and the WASM Reshape do.
 */
function makeIdentity(original: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return original(args);
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

/**
 * The WASM BatchMatMul is fast (XNNPACK) only without transposed operands; the backward pass of
 * Dense asks for transposed ones. Transposing the operand first is much cheaper than the slow path.
 */
function makeBatchMatMul(tf: Tf, original: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { a, b } = inputs;
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32') return original({ inputs, backend, attrs });
    const swapLast = (t: TensorInfo) =>
      [...t.shape.keys()].map((i, _, all) => (i < all.length - 2 ? i : i === all.length - 2 ? all.length - 1 : all.length - 2));
    return withScope(tf, backend, (k) => {
      const left = transposeA ? k.run('Transpose', { x: a }, { perm: swapLast(a) }) : a;
      const right = transposeB ? k.run('Transpose', { x: b }, { perm: swapLast(b) }) : b;
      return single(original({ inputs: { a: left, b: right }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } }));
    });
  };
}

interface DepthwiseAttrs {
  strides: number | [number, number];
  pad: PadAttr;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function depthwiseGeometry(
  tf: Tf,
  inputShape: number[],
  filterShape: number[],
  attrs: DepthwiseAttrs,
  kernel: string,
): ConvGeometry & { multiplier: number } {
  const dilations = attrs.dilations ?? 1;
  if (!tf.backend_util.eitherStridesOrDilationsAreOne(attrs.strides, dilations)) {
    throw new Error(`${kernel}: strides and dilations cannot both be greater than 1.`);
  }
  if (dilations !== 1 && !(Array.isArray(dilations) && dilations[0] === 1 && dilations[1] === 1)) {
    throw new Error(`${kernel} on WASM supports dilation 1 only.`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  ) as unknown as ConvGeometry;
  return { ...info, multiplier: info.outChannels / info.inChannels };
}

/**
 * The two depthwise gradients walk the same pairs of input and output positions: for each filter
 * tap (i, j) and each output position (n, y, x) that the tap reaches inside the input,
 *   filter: dW[i, j, c, q] += xPadded[n, y·sh + i, x·sw + j, c] · dy[n, y, x, c·m + q]
 *   input:  dx[n, y·sh + i − top, x·sw + j − left, c] += dy[n, y, x, c·m + q] · W[i, j, c, q]
 * One loop serves both; only the innermost accumulation differs.
 */
function makeDepthwiseBackprop(tf: Tf, gradient: 'filter' | 'input'): KernelFunc {
  const toFilter = gradient === 'filter';
  const kernel = toFilter ? 'DepthwiseConv2dNativeBackpropFilter' : 'DepthwiseConv2dNativeBackpropInput';
  return ({ inputs, backend, attrs }) => {
    const { dy } = inputs;
    const a = attrs as unknown as DepthwiseAttrs & { filterShape?: number[]; inputShape?: number[] };
    const inputShape = toFilter ? inputs.x.shape : (a.inputShape as number[]);
    const filterShape = toFilter ? (a.filterShape as number[]) : inputs.filter.shape;
    const g = depthwiseGeometry(tf, inputShape, filterShape, a, kernel);
    // Allocate first: allocating may grow the WASM memory and detach earlier views of the heap.
    const out = backend.makeOutput(toFilter ? filterShape : inputShape, 'float32') as TensorInfo;
    const dys = backend.typedArrayFromHeap(dy) as Float32Array;
    const result = backend.typedArrayFromHeap(out) as Float32Array;
    result.fill(0);
    // The input side (x or dx) and the filter side (W or dW): one is read, the other written.
    const xs = toFilter ? (backend.typedArrayFromHeap(inputs.x) as Float32Array) : result;
    const ws = toFilter ? result : (backend.typedArrayFromHeap(inputs.filter) as Float32Array);
    const {
      batchSize,
      inHeight,
      inWidth,
      inChannels: C,
      outHeight,
      outWidth,
      outChannels: O,
      strideHeight,
      strideWidth,
      filterHeight,
      filterWidth,
      multiplier,
    } = g;
    const { top, left } = g.padInfo;
    for (let i = 0; i < filterHeight; i++) {
      const yMin = Math.max(0, Math.ceil((top - i) / strideHeight));
      const yMax = Math.min(outHeight, Math.floor((inHeight + top - i - 1) / strideHeight) + 1);
      for (let j = 0; j < filterWidth; j++) {
        const xMin = Math.max(0, Math.ceil((left - j) / strideWidth));
        const xMax = Math.min(outWidth, Math.floor((inWidth + left - j - 1) / strideWidth) + 1);
        const wBase = (i * filterWidth + j) * O;
        for (let n = 0; n < batchSize; n++) {
          for (let y = yMin; y < yMax; y++) {
            const inRow = (n * inHeight + y * strideHeight - top + i) * inWidth;
            const dyRow = (n * outHeight + y) * outWidth;
            for (let xo = xMin; xo < xMax; xo++) {
              const xBase = (inRow + xo * strideWidth - left + j) * C;
              const dyBase = (dyRow + xo) * O;
              if (toFilter) for (let d = 0; d < O; d++) ws[wBase + d] += xs[xBase + Math.floor(d / multiplier)] * dys[dyBase + d];
              else for (let d = 0; d < O; d++) xs[xBase + Math.floor(d / multiplier)] += dys[dyBase + d] * ws[wBase + d];
            }
          }
        }
      }
    }
    return out;
  };
}

/**
 * Registers the missing gradient kernels on the 'wasm' backend of this copy of TensorFlow.js and
 * replaces the slow ones training needs. Safe to call more than once. Call it after importing
 * @tensorflow/tfjs-backend-wasm.
 */
export function registerWasmGradientKernels(tf: Tf): void {
  if (registered.has(tf)) return;
  registered.add(tf);
  const added: Record<(typeof addedWasmKernels)[number], (tf: Tf) => KernelFunc> = {
    Conv2DBackpropFilter: makeConv2DBackpropFilter,
    DepthwiseConv2dNativeBackpropFilter: (tf) => makeDepthwiseBackprop(tf, 'filter'),
    DepthwiseConv2dNativeBackpropInput: (tf) => makeDepthwiseBackprop(tf, 'input'),
  };
  for (const name of addedWasmKernels) {
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: added[name](tf) as unknown as tfTypes.KernelFunc });
  }
  const replaced: Record<(typeof replacedWasmKernels)[number], (original: KernelFunc) => KernelFunc> = {
    Conv2DBackpropInput: () => makeConv2DBackpropInput(tf),
    MaxPoolGrad: () => makeMaxPoolGrad(tf),
    BatchMatMul: (original) => makeBatchMatMul(tf, original),
    Identity: (original) => makeIdentity(original),
  };
  for (const name of replacedWasmKernels) {
    const original = tf.getKernel(name, 'wasm');
    if (!original) throw new Error(`The WASM backend has no ${name} kernel.`);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      ...original,
      kernelFunc: replaced[name](original.kernelFunc as unknown as KernelFunc) as unknown as tfTypes.KernelFunc,
    });
  }
}

const registered = new WeakSet<object>();
