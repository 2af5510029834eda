import { pair } from '../../model/params';
import { blockName, blockNameFr, ExportError, samePadding, type ModelPlan, type PlanNode } from '../../model/codegen/plan';
import { blockWeight, convKernelToOihw, type BlockWeights } from '../weights';
import { floatTensor, int64Tensor, TensorType, type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor } from './protobuf';

/** The highest opset Debian's onnx checker knows; every op used here exists in it. */
export const OPSET = 17;
const IR_VERSION = 8;

type Layout = 'nhwc' | 'nchw';

/** A block's output: its tensor name in the layouts made so far. Only images (rank 3 + batch) have an NCHW form. */
interface Value {
  rank: number;
  nhwc?: string;
  nchw?: string;
}

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

/**
 * Builds the ONNX graph of a model at inference. Tensors flow in the app's NHWC layout; around
 * Conv, pooling and BatchNormalization (which ONNX defines on NCHW) they are transposed, and a
 * transposed tensor is reused by every block that needs it.
 */
export function buildOnnxModel(plan: ModelPlan, weights: BlockWeights, options: { name: string; producerVersion: string; description?: string }): OnnxModel {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const values = new Map<string, Value>();
  let counter = 0;
  const fresh = (base: string) => `${base}:${++counter}`;
  const op = (opType: string, inputs: string[], output: string, attributes?: OnnxAttribute[]) => {
    nodes.push({ opType, inputs, outputs: [output], name: `${output}/${opType}`, attributes });
    return output;
  };
  const constant = (name: string, dims: number[], data: ArrayLike<number>) => {
    initializers.push(floatTensor(name, dims, Float32Array.from(data)));
    return name;
  };
  const ints = (name: string, data: number[]) => {
    initializers.push(int64Tensor(name, [data.length], data));
    return name;
  };

  const get = (id: string, layout: Layout): string => {
    const v = values.get(id)!;
    if (v.rank !== 4) return v.nhwc!;
    if (v[layout]) return v[layout]!;
    const from = layout === 'nchw' ? v.nhwc! : v.nchw!;
    const name = op('Transpose', [from], `${id}:${layout}`, [{ name: 'perm', type: 'ints', value: layout === 'nchw' ? TO_NCHW : TO_NHWC }]);
    v[layout] = name;
    return name;
  };
  /** A layout the value already has, for ops that work in either. */
  const anyLayout = (id: string): Layout => (values.get(id)!.nhwc ? 'nhwc' : 'nchw');

  const activation = (node: PlanNode, x: string, layout: Layout, kind: string, output: string): string => {
    switch (kind) {
      case 'linear':
        return x;
      case 'relu':
        return op('Relu', [x], output);
      case 'sigmoid':
        return op('Sigmoid', [x], output);
      case 'tanh':
        return op('Tanh', [x], output);
      case 'softmax':
        return op('Softmax', [x], output, [{ name: 'axis', type: 'int', value: layout === 'nchw' ? 1 : -1 }]);
      case 'elu':
        return op('Elu', [x], output, [{ name: 'alpha', type: 'float', value: 1 }]);
      case 'selu':
        return op('Selu', [x], output);
      case 'softplus':
        return op('Softplus', [x], output);
      case 'softsign':
        return op('Softsign', [x], output);
      case 'swish':
        return op('Mul', [x, op('Sigmoid', [x], fresh(`${node.id}/sigmoid`))], output);
      case 'gelu': {
        // gelu(x) = x · ½ · (1 + erf(x / √2)), the exact form Keras and TensorFlow.js use.
        const erf = op('Erf', [op('Div', [x, constant(fresh(`${node.id}/sqrt2`), [], [Math.SQRT2])], fresh(`${node.id}/scaled`))], fresh(`${node.id}/erf`));
        const half = op('Mul', [op('Add', [erf, constant(fresh(`${node.id}/one`), [], [1])], fresh(`${node.id}/onePlusErf`)), constant(fresh(`${node.id}/half`), [], [0.5])], fresh(`${node.id}/cdf`));
        return op('Mul', [x, half], output);
      }
      default:
        throw new ExportError(
          { en: `${blockName(node)}: the activation "${kind}" has no ONNX form in the exporter.`, fr: `${blockNameFr(node)} : l’activation « ${kind} » n’a pas de forme ONNX dans l’exporteur.` },
          node.id,
          node.type,
        );
    }
  };

  const setOutput = (id: string, layout: Layout, name: string, rank: number) => {
    values.set(id, rank === 4 ? { rank, [layout]: name } : { rank, nhwc: name });
  };

  const windowPads = (node: PlanNode, window: [number, number], strides: [number, number]): number[] => {
    if (node.params.padding !== 'same') return [0, 0, 0, 0];
    const [h, w] = node.inputShapes[0];
    const [top, bottom] = samePadding(h, window[0], strides[0]);
    const [left, right] = samePadding(w, window[1], strides[1]);
    return [top, left, bottom, right];
  };

  for (const node of plan.nodes) {
    const p = node.params;
    const rank = node.outputShape.length + 1;
    const src = node.inputs[0];
    switch (node.type) {
      case 'Input':
        values.set(node.id, { rank, nhwc: node.id });
        break;
      case 'Conv2D': {
        const kernel = convKernelToOihw(blockWeight(weights, node.id, 'kernel'));
        const inputs = [get(src, 'nchw'), constant(`${node.id}/kernel`, kernel.shape, kernel.data)];
        if (p.useBias) {
          const bias = blockWeight(weights, node.id, 'bias');
          inputs.push(constant(`${node.id}/bias`, bias.shape, bias.data));
        }
        const k = pair(p.kernelSize);
        const s = pair(p.strides);
        const conv = op('Conv', inputs, p.activation === 'linear' ? `${node.id}:nchw` : fresh(`${node.id}/conv`), [
          { name: 'kernel_shape', type: 'ints', value: k },
          { name: 'strides', type: 'ints', value: s },
          { name: 'pads', type: 'ints', value: windowPads(node, k, s) },
          { name: 'dilations', type: 'ints', value: [1, 1] },
        ]);
        setOutput(node.id, 'nchw', activation(node, conv, 'nchw', p.activation as string, `${node.id}:nchw`), rank);
        break;
      }
      case 'Dense': {
        const kernel = blockWeight(weights, node.id, 'kernel');
        let y = op('MatMul', [get(src, 'nhwc'), constant(`${node.id}/kernel`, kernel.shape, kernel.data)], p.useBias || p.activation !== 'linear' ? fresh(`${node.id}/matmul`) : node.id);
        if (p.useBias) {
          const bias = blockWeight(weights, node.id, 'bias');
          y = op('Add', [y, constant(`${node.id}/bias`, bias.shape, bias.data)], p.activation !== 'linear' ? fresh(`${node.id}/biased`) : node.id);
        }
        setOutput(node.id, 'nhwc', activation(node, y, 'nhwc', p.activation as string, node.id), rank);
        break;
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const k = pair(p.poolSize);
        const s = pair(p.strides ?? p.poolSize);
        const attributes: OnnxAttribute[] = [
          { name: 'kernel_shape', type: 'ints', value: k },
          { name: 'strides', type: 'ints', value: s },
          { name: 'pads', type: 'ints', value: windowPads(node, k, s) },
        ];
        // Keras's "same" average leaves the padded zeros out of the mean: count_include_pad = 0 (ONNX's default).
        if (node.type === 'AveragePooling2D') attributes.push({ name: 'count_include_pad', type: 'int', value: 0 });
        setOutput(node.id, 'nchw', op(node.type === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool', [get(src, 'nchw')], `${node.id}:nchw`, attributes), rank);
        break;
      }
      case 'GlobalAveragePooling2D':
      case 'GlobalMaxPooling2D': {
        const layout = anyLayout(src);
        const axes = layout === 'nhwc' ? [1, 2] : [2, 3];
        const reduce = node.type === 'GlobalAveragePooling2D' ? 'ReduceMean' : 'ReduceMax';
        setOutput(node.id, 'nhwc', op(reduce, [get(src, layout)], node.id, [{ name: 'axes', type: 'ints', value: axes }, { name: 'keepdims', type: 'int', value: 0 }]), rank);
        break;
      }
      case 'Flatten':
        // Keras flattens in (height, width, channels) order: flatten the NHWC form.
        setOutput(node.id, 'nhwc', op('Flatten', [get(src, 'nhwc')], node.id, [{ name: 'axis', type: 'int', value: 1 }]), rank);
        break;
      case 'Dropout':
        setOutput(node.id, 'nhwc', op('Identity', [get(src, 'nhwc')], node.id), rank);
        break;
      case 'BatchNormalization': {
        const gamma = blockWeight(weights, node.id, 'gamma');
        const beta = blockWeight(weights, node.id, 'beta');
        const mean = blockWeight(weights, node.id, 'moving_mean');
        const variance = blockWeight(weights, node.id, 'moving_variance');
        const inRank = node.inputShapes[0].length + 1;
        const axis = (p.axis as number) < 0 ? inRank + (p.axis as number) : (p.axis as number);
        const eps = p.epsilon as number;
        if (inRank === 4 && axis === 3) {
          const inputs = [get(src, 'nchw'), constant(`${node.id}/gamma`, gamma.shape, gamma.data), constant(`${node.id}/beta`, beta.shape, beta.data), constant(`${node.id}/moving_mean`, mean.shape, mean.data), constant(`${node.id}/moving_variance`, variance.shape, variance.data)];
          setOutput(node.id, 'nchw', op('BatchNormalization', inputs, `${node.id}:nchw`, [{ name: 'epsilon', type: 'float', value: eps }]), rank);
          break;
        }
        // Any other axis: y = x · scale + shift with the inference statistics, broadcast along that axis.
        const channels = gamma.data.length;
        const scale = new Float32Array(channels);
        const shift = new Float32Array(channels);
        for (let c = 0; c < channels; c++) {
          scale[c] = gamma.data[c] / Math.sqrt(variance.data[c] + eps);
          shift[c] = beta.data[c] - mean.data[c] * scale[c];
        }
        const dims = [channels, ...Array(inRank - 1 - axis).fill(1)];
        const scaled = op('Mul', [get(src, 'nhwc'), constant(`${node.id}/scale`, dims, scale)], fresh(`${node.id}/scaled`));
        setOutput(node.id, 'nhwc', op('Add', [scaled, constant(`${node.id}/shift`, dims, shift)], node.id), rank);
        break;
      }
      case 'Activation': {
        const layout = anyLayout(src);
        const x = get(src, layout);
        const name = layout === 'nchw' ? `${node.id}:nchw` : node.id;
        const y = p.activation === 'linear' ? op('Identity', [x], name) : activation(node, x, layout, p.activation as string, name);
        setOutput(node.id, layout, y, rank);
        break;
      }
      case 'Add':
      case 'Concatenate': {
        const layout: Layout = rank === 4 && node.inputs.every((id) => values.get(id)!.nchw) ? 'nchw' : 'nhwc';
        const inputs = node.inputs.map((id) => get(id, layout));
        const name = layout === 'nchw' ? `${node.id}:nchw` : node.id;
        if (node.type === 'Add') setOutput(node.id, layout, op('Sum', inputs, name), rank);
        else {
          const kerasAxis = (p.axis as number) < 0 ? rank + (p.axis as number) : (p.axis as number);
          const axis = layout === 'nchw' ? TO_NHWC[kerasAxis] : kerasAxis;
          setOutput(node.id, layout, op('Concat', inputs, name, [{ name: 'axis', type: 'int', value: axis }]), rank);
        }
        break;
      }
      case 'Rescaling': {
        const layout = anyLayout(src);
        const name = layout === 'nchw' ? `${node.id}:nchw` : node.id;
        const scaled = op('Mul', [get(src, layout), constant(`${node.id}/scale`, [], [p.scale as number])], p.offset ? fresh(`${node.id}/scaled`) : name);
        setOutput(node.id, layout, p.offset ? op('Add', [scaled, constant(`${node.id}/offset`, [], [p.offset as number])], name) : scaled, rank);
        break;
      }
      case 'RandomCrop': {
        // At inference: the largest centred window with the target's proportions, resized (bilinear, half-pixel) to height × width.
        const [h, w] = node.inputShapes[0];
        const th = p.height as number;
        const tw = p.width as number;
        const cropH = Math.min(h, Math.floor((w * th) / tw));
        const cropW = Math.min(w, Math.floor((h * tw) / th));
        const top = Math.floor((h - cropH) / 2);
        const left = Math.floor((w - cropW) / 2);
        let x = get(src, 'nchw');
        if (cropH !== h || cropW !== w)
          x = op('Slice', [x, ints(`${node.id}/starts`, [top, left]), ints(`${node.id}/ends`, [top + cropH, left + cropW]), ints(`${node.id}/axes`, [2, 3])], fresh(`${node.id}/window`));
        if (cropH !== th || cropW !== tw) {
          const batchChannels = op('Shape', [x], fresh(`${node.id}/batchChannels`), [{ name: 'start', type: 'int', value: 0 }, { name: 'end', type: 'int', value: 2 }]);
          const sizes = op('Concat', [batchChannels, ints(`${node.id}/size`, [th, tw])], fresh(`${node.id}/sizes`), [{ name: 'axis', type: 'int', value: 0 }]);
          x = op('Resize', [x, '', '', sizes], `${node.id}:nchw`, [
            { name: 'mode', type: 'string', value: 'linear' },
            { name: 'coordinate_transformation_mode', type: 'string', value: 'half_pixel' },
          ]);
        }
        setOutput(node.id, 'nchw', x, rank);
        break;
      }
      default:
        throw new ExportError(
          {
            en: `${blockName(node)}: the ONNX exporter cannot express the block type ${node.type}. Remove it to export to ONNX.`,
            fr: `${blockNameFr(node)} : l’exporteur ONNX ne sait pas exprimer le type de bloc ${node.type}. Retirez-le pour exporter vers ONNX.`,
          },
          node.id,
          node.type,
        );
    }
  }

  const outputs = plan.outputs.map((id) => {
    const name = get(id, 'nhwc');
    const node = plan.byId.get(id)!;
    return { name, elemType: TensorType.FLOAT, shape: ['batch', ...node.outputShape] as (number | string)[] };
  });
  const inputs = plan.inputs.map((id) => ({ name: id, elemType: TensorType.FLOAT, shape: ['batch', ...plan.byId.get(id)!.outputShape] as (number | string)[] }));
  const inputShape = plan.byId.get(plan.inputs[0])!.outputShape;
  return {
    irVersion: IR_VERSION,
    opsetVersion: OPSET,
    producerName: 'Neuroblocks',
    producerVersion: options.producerVersion,
    graphName: options.name,
    docString: options.description,
    nodes,
    initializers,
    inputs,
    outputs,
    metadata: {
      input_layout: inputShape.length === 3 ? 'NHWC' : 'NC',
      input_layout_note:
        inputShape.length === 3
          ? 'Images are NHWC (batch, height, width, channels), as in Neuroblocks and Keras; the graph transposes to NCHW around Conv and pooling internally.'
          : 'Inputs are (batch, features), as in Neuroblocks and Keras.',
      model_name: options.name,
    },
  };
}
