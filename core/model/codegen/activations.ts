// Keras's activations in the exporters' terms: the PyTorch code and the ONNX nodes of each, in one
// table keyed by the activation list the blocks offer, so that an activation added to the list
// without its PyTorch or ONNX form does not compile. Browser-safe.
import type { OnnxAttribute } from '../../export/onnx/protobuf';
import type { activations } from '../blocks/common';

export type ActivationName = (typeof activations)[number];

/** What an activation's ONNX form writes with: its input, the name of its result and the graph being built. */
export interface OnnxActivationWriter {
  x: string;
  /** The name the result must have. */
  output: string;
  /** The axis of the channels (softmax's axis): 1 in NCHW, -1 otherwise. */
  channelAxis: 1 | -1;
  op(opType: string, inputs: string[], output: string, attributes?: OnnxAttribute[]): string;
  /** A name of its own for an intermediate result, from `base`. */
  fresh(base: string): string;
  /** A scalar float constant, named from `base`. */
  scalar(base: string, value: number): string;
}

export interface ActivationForms {
  /** The PyTorch expression applying the activation to `value` (`channelDim`: 1 for images in NCHW, -1 otherwise). */
  pytorch(value: string, channelDim: 1 | -1): string;
  /** The ONNX nodes applying it; returns the name of the result (the input itself for `linear`). */
  onnx(w: OnnxActivationWriter): string;
}

export const activationForms: Record<ActivationName, ActivationForms> = {
  linear: { pytorch: (v) => v, onnx: (w) => w.x },
  relu: { pytorch: (v) => `F.relu(${v})`, onnx: (w) => w.op('Relu', [w.x], w.output) },
  sigmoid: { pytorch: (v) => `torch.sigmoid(${v})`, onnx: (w) => w.op('Sigmoid', [w.x], w.output) },
  tanh: { pytorch: (v) => `torch.tanh(${v})`, onnx: (w) => w.op('Tanh', [w.x], w.output) },
  softmax: {
    pytorch: (v, dim) => `F.softmax(${v}, dim=${dim})`,
    onnx: (w) => w.op('Softmax', [w.x], w.output, [{ name: 'axis', type: 'int', value: w.channelAxis }]),
  },
  elu: { pytorch: (v) => `F.elu(${v})`, onnx: (w) => w.op('Elu', [w.x], w.output, [{ name: 'alpha', type: 'float', value: 1 }]) },
  selu: { pytorch: (v) => `F.selu(${v})`, onnx: (w) => w.op('Selu', [w.x], w.output) },
  softplus: { pytorch: (v) => `F.softplus(${v})`, onnx: (w) => w.op('Softplus', [w.x], w.output) },
  softsign: { pytorch: (v) => `F.softsign(${v})`, onnx: (w) => w.op('Softsign', [w.x], w.output) },
  // Keras's swish is PyTorch's SiLU: x · sigmoid(x).
  swish: { pytorch: (v) => `F.silu(${v})`, onnx: (w) => w.op('Mul', [w.x, w.op('Sigmoid', [w.x], w.fresh('sigmoid'))], w.output) },
  gelu: {
    pytorch: (v) => `F.gelu(${v})`,
    // gelu(x) = x · ½ · (1 + erf(x / √2)), the exact form Keras and TensorFlow.js use.
    onnx: (w) => {
      const erf = w.op('Erf', [w.op('Div', [w.x, w.scalar('sqrt2', Math.SQRT2)], w.fresh('scaled'))], w.fresh('erf'));
      const half = w.op('Mul', [w.op('Add', [erf, w.scalar('one', 1)], w.fresh('onePlusErf')), w.scalar('half', 0.5)], w.fresh('cdf'));
      return w.op('Mul', [w.x, half], w.output);
    },
  },
  relu6: { pytorch: (v) => `F.relu6(${v})`, onnx: (w) => w.op('Clip', [w.x, w.scalar('zero', 0), w.scalar('six', 6)], w.output) },
  // x · max(0, min(1, x / 6 + ½)) = x · relu6(x + 3) / 6, exactly.
  hard_swish: { pytorch: (v) => `F.hardswish(${v})`, onnx: (w) => w.op('HardSwish', [w.x], w.output) },
};

/** The exporters' forms of an activation, or undefined for a name that is not one of Keras's. */
export function activationForm(name: string): ActivationForms | undefined {
  return Object.hasOwn(activationForms, name) ? activationForms[name as ActivationName] : undefined;
}
