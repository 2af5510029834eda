import type { OnnxLayout } from '../../model/block';
import { getBlock } from '../../model/blocks/index';
import { activationForm } from '../../model/codegen/activations';
import { problem } from '../../i18n/catalogue';
import { ExportError, samePadding, type ModelPlan, type PlanNode } from '../../model/codegen/plan';
import { copyLayout, toTargetLayout } from '../../model/weight-layout';
import { blockWeight, type BlockWeights } from '../weights';
import { floatTensor, int64Tensor, TensorType, type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor } from './protobuf';

/** The highest opset Debian's onnx checker knows; every op used here exists in it. */
export const OPSET = 17;
const IR_VERSION = 8;

type Layout = OnnxLayout;

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
export function buildOnnxModel(
  plan: ModelPlan,
  weights: BlockWeights,
  options: { name: string; producerVersion: string; description?: string },
): OnnxModel {
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
    const form = activationForm(kind);
    if (!form)
      throw new ExportError(problem('export:onnxNoActivation', { type: node.type, id: node.id, activation: kind }), node.id, node.type);
    return form.onnx({
      x,
      output,
      channelAxis: layout === 'nchw' ? 1 : -1,
      op,
      fresh: (base) => fresh(`${node.id}/${base}`),
      scalar: (base, value) => constant(fresh(`${node.id}/${base}`), [], [value]),
    });
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
    const rank = node.outputShape.length + 1;
    if (node.type === 'Input') {
      values.set(node.id, { rank, nhwc: node.id });
      continue;
    }
    const block = getBlock(node.type);
    if (!block) throw new ExportError(problem('export:onnxUnknownBlock', { type: node.type, id: node.id }), node.id, node.type);
    block.onnx({
      node,
      input: (index, layout) => get(node.inputs[index], layout),
      anyLayout: (index) => anyLayout(node.inputs[index]),
      hasLayout: (index, layout) => values.get(node.inputs[index])![layout] !== undefined,
      op,
      fresh: (base) => fresh(`${node.id}/${base}`),
      constant,
      ints,
      weight: (name, layout = copyLayout) => toTargetLayout(blockWeight(weights, node.id, name), layout),
      activation: (x, layout, kind, output) => activation(node, x, layout, kind, output),
      outputName: (layout) => (layout === 'nchw' ? `${node.id}:nchw` : node.id),
      output: (layout, name) => setOutput(node.id, layout, name, rank),
      windowPads: (window, strides) => windowPads(node, window, strides),
    });
    if (!values.has(node.id)) throw new Error(`The ONNX writer of ${node.type} recorded no output for "${node.id}".`);
  }

  const outputs = plan.outputs.map((id) => {
    const name = get(id, 'nhwc');
    const node = plan.byId.get(id)!;
    return { name, elemType: TensorType.FLOAT, shape: ['batch', ...node.outputShape] as (number | string)[] };
  });
  const inputs = plan.inputs.map((id) => ({
    name: id,
    elemType: TensorType.FLOAT,
    shape: ['batch', ...plan.byId.get(id)!.outputShape] as (number | string)[],
  }));
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
