import type { ParamCount, ResolvedParams } from './block';
import { getBlock, blockTypes } from './blocks/index';
import { type Graph, type Shape } from './graph';
import { problem, type Problem } from '../i18n/catalogue';
import { listedIds } from '../i18n/translate';
import { issue, ShapeError, type GraphIssue } from './issues';
import { isValidLayerName, layerNameFor } from './layer-names';
import { closestName, resolveParams } from './params';
import { memoryIssue } from './memory';
import { regressionLosses, type TrainingSettings } from './project';

export interface NodeAnalysis {
  id: string;
  type: string;
  /** Parameters with defaults filled in. */
  params: ResolvedParams;
  /** Shapes of the inputs, in the order of the incoming edges in `graph.edges`. */
  inputShapes: Shape[];
  /** Undefined when it cannot be inferred (an error here or upstream). */
  outputShape?: Shape;
  paramCount: ParamCount;
  issues: GraphIssue[];
}

export interface GraphAnalysis {
  nodes: Record<string, NodeAnalysis>;
  /** Topological order; nodes caught in a cycle are left out. */
  order: string[];
  /** The Input nodes. */
  inputs: string[];
  /** The sinks: the model's outputs. */
  outputs: string[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  errors: GraphIssue[];
  warnings: GraphIssue[];
  valid: boolean;
}

export interface AnalyzeOptions {
  /**
   * The training loss. Given, the graph is analysed for training: everything that would make
   * training refuse to start (one Input, one output, one value per class at the output, a loss
   * that fits the output) is an error, so that a valid graph is one that trains.
   */
  loss?: string;
  /** The memory training may use, in bytes (the Node side passes the machine's), with the settings that decide how much it needs. */
  memory?: { bytes: number; training: Pick<TrainingSettings, 'batchSize' | 'optimizer' | 'momentum' | 'nesterov'> };
  /** How many classes the data set has, when known (checked against the output's units). */
  classes?: number;
  /** The data set as training loads it: its name and one sample's shape (checked against the Input block). */
  data?: { name: string; inputShape: Shape };
}

/** Blocks that pass values through without mixing them, for the "linear stack" and "Dropout at the output" checks. */
const passesThrough = (type: string) => getBlock(type)?.passThrough === true;
const CLASSIFICATION_LOSSES = new Set(['categoricalCrossentropy', 'sparseCategoricalCrossentropy']);

/**
 * Output shape, parameter counts, errors and warnings of every node of a graph.
 * Cheap enough to run on every edit: one pass in topological order.
 */
export function analyzeGraph(graph: Graph, options: AnalyzeOptions = {}): GraphAnalysis {
  const nodes: Record<string, NodeAnalysis> = Object.create(null);
  const graphIssues: GraphIssue[] = [];
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();

  for (const node of graph.nodes) {
    if (nodes[node.id]) {
      graphIssues.push(issue('error', 'duplicate-id', problem('graph:duplicateId', { id: node.id }), node.id));
      continue;
    }
    const block = getBlock(node.type);
    const analysis: NodeAnalysis = {
      id: node.id,
      type: node.type,
      params: {},
      inputShapes: [],
      paramCount: { trainable: 0, nonTrainable: 0 },
      issues: [],
    };
    nodes[node.id] = analysis;
    incoming.set(node.id, []);
    outgoing.set(node.id, []);
    if (!block) {
      const guess = closestName(node.type, blockTypes);
      analysis.issues.push(
        issue(
          'error',
          'unknown-type',
          guess
            ? problem('graph:unknownTypeGuess', { type: node.type, guess })
            : problem('graph:unknownType', { type: node.type, known: blockTypes }),
          node.id,
        ),
      );
      continue;
    }
    const { values, problems } = resolveParams(block.params, node.params ?? {}, { type: node.type, id: node.id });
    analysis.params = values;
    for (const p of problems) analysis.issues.push(issue('error', 'bad-param', p.problem, node.id, p.param));
  }

  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    const known = (id: string) => Boolean(nodes[id]);
    if (!known(edge.source) || !known(edge.target)) {
      const missing = known(edge.source) ? edge.target : edge.source;
      const at = known(edge.source) ? edge.source : known(edge.target) ? edge.target : undefined;
      graphIssues.push(
        issue('error', 'dangling-edge', problem('graph:danglingEdge', { source: edge.source, target: edge.target, missing }), at),
      );
      continue;
    }
    if (edge.source === edge.target) {
      nodes[edge.source].issues.push(issue('error', 'self-loop', problem('graph:selfLoop', { id: edge.source }), edge.source));
      continue;
    }
    const key = `${edge.source}\u0000${edge.target}`;
    if (seenEdges.has(key)) {
      nodes[edge.target].issues.push(
        issue('warning', 'duplicate-edge', problem('graph:duplicateEdge', { source: edge.source, target: edge.target }), edge.target),
      );
      continue;
    }
    seenEdges.add(key);
    outgoing.get(edge.source)!.push(edge.target);
    incoming.get(edge.target)!.push(edge.source);
  }

  const order = topologicalOrder(Object.keys(nodes), incoming, outgoing);
  const ordered = new Set(order);
  const inCycle = Object.keys(nodes).filter((id) => !ordered.has(id));
  if (inCycle.length) {
    const cycle = { ...listedIds(inCycle) };
    for (const id of inCycle) nodes[id].issues.push(issue('error', 'cycle', problem('graph:cycle', { id, cycle }), id));
  }

  for (const id of order) {
    const node = nodes[id];
    const block = getBlock(node.type);
    if (!block) continue;
    const sources = incoming.get(id)!;
    if (sources.length < block.inputs.min || sources.length > block.inputs.max) {
      node.issues.push(issue('error', 'input-count', inputCountProblem(node.type, id, sources.length, block.inputs), id));
      continue;
    }
    const inputShapes = sources.map((s) => nodes[s].outputShape);
    if (inputShapes.some((s) => s === undefined) || node.issues.some((i) => i.severity === 'error')) continue;
    node.inputShapes = inputShapes as Shape[];
    try {
      node.outputShape = block.outputShape(node.inputShapes, node.params);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      const found = {
        code: error.problem.code,
        params: { ...error.problem.params, context: 'block', type: node.type, id, inputs: node.inputShapes },
      } as Problem;
      node.issues.push(issue('error', error.code, found, id, error.param));
      continue;
    }
    const count = block.paramCount?.(node.inputShapes, node.params, node.outputShape) ?? { trainable: 0, nonTrainable: 0 };
    node.paramCount = node.params.trainable === false ? { trainable: 0, nonTrainable: count.trainable + count.nonTrainable } : count;
  }

  const taken = new Set(Object.keys(nodes));
  for (const node of Object.values(nodes)) {
    if (isValidLayerName(node.id)) continue;
    const suggestion = layerNameFor(node.id, taken);
    taken.add(suggestion);
    node.issues.push(issue('error', 'invalid-id', problem('graph:invalidId', { type: node.type, id: node.id, suggestion }), node.id));
  }

  const inputs = order.filter((id) => nodes[id].type === 'Input');
  const outputs = order.filter((id) => outgoing.get(id)!.length === 0 && nodes[id].type !== 'Input');
  if (graph.nodes.length === 0) graphIssues.push(issue('error', 'empty', problem('graph:empty', {})));
  else if (!Object.values(nodes).some((n) => n.type === 'Input'))
    graphIssues.push(issue('error', 'no-input', problem('graph:noInput', {})));
  else if (outputs.length === 0 && order.length === graph.nodes.length)
    graphIssues.push(issue('error', 'no-output', problem('graph:noOutput', {}), inputs[0]));

  checkConnectivity(nodes, incoming, outgoing, inputs, outputs, options.loss !== undefined);
  checkDesign(nodes, incoming, outgoing, outputs, options);
  if (options.loss !== undefined) checkTrainable(nodes, incoming, inputs, outputs, { ...options, loss: options.loss });

  let trainableParams = 0;
  let nonTrainableParams = 0;
  for (const n of Object.values(nodes)) {
    trainableParams += n.paramCount.trainable;
    nonTrainableParams += n.paramCount.nonTrainable;
  }
  if (options.memory) {
    const found = memoryIssue(
      { nodes, totalParams: trainableParams + nonTrainableParams, trainableParams },
      options.memory.training,
      options.memory.bytes,
    );
    if (found) graphIssues.push(found);
  }
  const all = [...graphIssues, ...Object.values(nodes).flatMap((n) => n.issues)];
  const errors = all.filter((i) => i.severity === 'error');
  return {
    nodes,
    order,
    inputs,
    outputs,
    totalParams: trainableParams + nonTrainableParams,
    trainableParams,
    nonTrainableParams,
    errors,
    warnings: all.filter((i) => i.severity === 'warning'),
    valid: errors.length === 0,
  };
}

function inputCountProblem(type: string, id: string, got: number, want: { min: number; max: number }): Problem {
  if (want.max === 0) return problem('graph:inputIntoInput', { type, id });
  if (got === 0) return problem('graph:noInputEdge', { type, id });
  if (want.max === 1) return problem('graph:oneInputOnly', { type, id, got });
  return problem('graph:tooFewInputs', { type, id, min: want.min, got });
}

/** Kahn's algorithm, keeping the graph's own order among ready nodes so results are stable. */
function topologicalOrder(ids: string[], incoming: Map<string, string[]>, outgoing: Map<string, string[]>): string[] {
  const remaining = new Map(ids.map((id) => [id, incoming.get(id)!.length]));
  const ready = ids.filter((id) => remaining.get(id) === 0);
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i];
    order.push(id);
    for (const next of outgoing.get(id)!) {
      const left = remaining.get(next)! - 1;
      remaining.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return order;
}

function checkConnectivity(
  nodes: Record<string, NodeAnalysis>,
  incoming: Map<string, string[]>,
  outgoing: Map<string, string[]>,
  inputs: string[],
  outputs: string[],
  forTraining: boolean,
): void {
  const fed = new Set<string>();
  const stack = [...inputs];
  while (stack.length) {
    const id = stack.pop()!;
    if (fed.has(id)) continue;
    fed.add(id);
    stack.push(...outgoing.get(id)!);
  }
  const count = Object.keys(nodes).length;
  for (const node of Object.values(nodes)) {
    const isolated = incoming.get(node.id)!.length === 0 && outgoing.get(node.id)!.length === 0;
    if (node.type === 'Input') {
      if (isolated && count > 1) node.issues.push(issue('error', 'unused-input', problem('graph:unusedInput', { id: node.id }), node.id));
      continue;
    }
    if (!fed.has(node.id) && incoming.get(node.id)!.length > 0 && !node.issues.some((i) => i.code === 'cycle'))
      node.issues.push(issue('error', 'not-fed', problem('graph:notFed', { type: node.type, id: node.id }), node.id));
  }
  if (outputs.length > 1) {
    const ends = { ...listedIds(outputs) };
    // Training fits one output to the labels: for training, a second output is an error.
    for (const id of outputs)
      nodes[id].issues.push(
        issue(
          forTraining ? 'error' : 'warning',
          'several-outputs',
          problem('graph:severalOutputs', { count: outputs.length, ends, id }),
          id,
        ),
      );
  }
}

/** Design mistakes a teacher would point out: legal graphs that do not do what the student thinks. */
function checkDesign(
  nodes: Record<string, NodeAnalysis>,
  incoming: Map<string, string[]>,
  outgoing: Map<string, string[]>,
  outputs: string[],
  options: AnalyzeOptions,
): void {
  const activationOf = (n: NodeAnalysis) => getBlock(n.type)?.activation?.(n.params);

  for (const node of Object.values(nodes)) {
    if (node.type === 'Dense' && node.inputShapes.length === 1 && node.inputShapes[0].length >= 2) {
      const shape = node.inputShapes[0];
      node.issues.push(
        issue(
          'warning',
          'dense-needs-flatten',
          problem('graph:denseNeedsFlatten', {
            id: node.id,
            shape,
            last: shape[shape.length - 1],
            positions: shape.slice(0, -1),
            output: node.outputShape ?? null,
          }),
          node.id,
        ),
      );
    }
    if (node.type === 'Dense' && activationOf(node) === 'linear') {
      const next = followPassThrough(node.id, nodes, outgoing);
      const dense = next.find((id) => nodes[id].type === 'Dense');
      if (dense)
        node.issues.push(issue('warning', 'linear-stack', problem('graph:linearStack', { id: node.id, dense }), node.id, 'activation'));
    }
  }

  for (const id of outputs) {
    const out = nodes[id];
    if (passesThrough(out.type)) {
      const found =
        out.type === 'Dropout' ? problem('graph:dropoutAtOutput', { id }) : problem('graph:augmentationAtOutput', { type: out.type, id });
      out.issues.push(issue('warning', 'regulariser-at-output', found, id));
    }
    const last = lastComputing(id, nodes, incoming);
    const activation = last ? activationOf(nodes[last]) : undefined;
    if (!options.loss || !last) continue;
    if (activation === 'softmax' && regressionLosses.includes(options.loss))
      nodes[last].issues.push(
        issue('warning', 'softmax-regression', problem('graph:softmaxRegression', { id: last, loss: options.loss }), last, 'activation'),
      );
  }
}

/** Blocks whose `activation` parameter can make the output softmax or sigmoid. */
const SETS_ACTIVATION = new Set(['Dense', 'Activation']);

/**
 * What training needs of the graph, checked while editing so that a valid graph is one that
 * trains: one Input (of the data's size, when the data are known), one output giving one value
 * per class (or per target), and a loss that fits that output. Training runs the same checks with
 * the loaded data set (core/data's checkModelFitsData), so the editor and training agree.
 */
function checkTrainable(
  nodes: Record<string, NodeAnalysis>,
  incoming: Map<string, string[]>,
  inputs: string[],
  outputs: string[],
  options: AnalyzeOptions & { loss: string },
): void {
  const { loss, classes, data } = options;
  for (const id of inputs.slice(1))
    nodes[id].issues.push(issue('error', 'several-inputs', problem('graph:severalInputs', { count: inputs.length, inputs, id }), id));
  if (data && inputs.length === 1) {
    const input = nodes[inputs[0]];
    const shape = input.outputShape;
    const size = (s: Shape) => s.reduce((a, b) => a * b, 1);
    // Data are stored flat, so an Input of the same size (e.g. [784] for 28×28×1 digits) is fine.
    if (shape && size(shape) !== size(data.inputShape))
      input.issues.push(
        issue(
          'error',
          'input-not-data',
          problem('graph:inputNotData', { id: input.id, shape, data: data.name, dataShape: data.inputShape }),
          input.id,
          'shape',
        ),
      );
  }
  if (outputs.length !== 1) return;
  const out = nodes[outputs[0]];
  const shape = out.outputShape;
  // Without a shape, an error upstream already says what to fix first.
  if (!shape) return;
  const classification = !regressionLosses.includes(loss);
  // Which number of units to ask for: the classes when known, else in words.
  const unitsKind = classes !== undefined ? 'classes' : classification ? 'class' : 'target';
  if (shape.length !== 1) {
    const last = lastComputing(out.id, nodes, incoming);
    const dense = last !== undefined && nodes[last].type === 'Dense' ? last : undefined;
    const want = classification ? (classes !== undefined ? 'classes' : 'class') : 'target';
    const fix = dense ? 'flatten' : !classification ? 'dense' : loss === 'binaryCrossentropy' ? 'denseSigmoid' : 'denseSoftmax';
    out.issues.push(
      issue(
        'error',
        'output-not-flat',
        problem('graph:outputNotFlat', { id: out.id, shape, want, fix, dense: dense ?? null, units: unitsKind, classes: classes ?? null }),
        out.id,
      ),
    );
    return;
  }
  const units = shape[0];
  const lastId = lastComputing(out.id, nodes, incoming);
  const last = lastId !== undefined ? nodes[lastId] : undefined;
  if (classes !== undefined) {
    // The labels are classes whatever the loss: one unit per class, or one unit for two classes with a loss on one probability.
    const binaryUnit = units === 1 && classes === 2 && !CLASSIFICATION_LOSSES.has(loss);
    if (units !== classes && !binaryUnit) {
      const dense = last?.type === 'Dense' ? last : undefined;
      const at = (dense ?? out).id;
      (dense ?? out).issues.push(
        issue(
          'error',
          'output-units-classes',
          problem('graph:outputUnitsClasses', { id: at, count: units, classes, fix: dense ? 'set' : 'dense' }),
          at,
          dense ? 'units' : undefined,
        ),
      );
      return;
    }
  }
  if (!classification) return;
  const activation = last ? getBlock(last.type)?.activation?.(last.params) : undefined;
  const wanted = loss === 'binaryCrossentropy' ? 'sigmoid' : 'softmax';
  if (CLASSIFICATION_LOSSES.has(loss) && units === 1) {
    const at = (last ?? out).id;
    (last ?? out).issues.push(
      issue(
        'error',
        'crossentropy-one-unit',
        problem('graph:crossentropyOneUnit', {
          loss,
          id: out.id,
          last: at,
          units: unitsKind === 'target' ? 'class' : unitsKind,
          classes: classes ?? null,
        }),
        at,
        last?.type === 'Dense' ? 'units' : undefined,
      ),
    );
    return;
  }
  if (!last || !SETS_ACTIVATION.has(last.type)) {
    // Only a Dense or Activation block can be told to apply softmax or sigmoid: say what is missing.
    const found = problem(wanted === 'softmax' ? 'graph:rawOutputSoftmax' : 'graph:rawOutputSigmoid', {
      loss,
      id: out.id,
      type: out.type,
      units: classes ?? units,
    });
    out.issues.push(issue('error', loss === 'binaryCrossentropy' ? 'binary-needs-sigmoid' : 'crossentropy-needs-softmax', found, out.id));
    return;
  }
  if (activation !== wanted)
    last.issues.push(
      issue(
        'error',
        loss === 'binaryCrossentropy' ? 'binary-needs-sigmoid' : 'crossentropy-needs-softmax',
        wanted === 'softmax'
          ? problem('graph:needsSoftmax', { loss, id: last.id, activation: activation ?? null })
          : problem('graph:needsSigmoid', { id: last.id, activation: activation ?? null }),
        last.id,
        'activation',
      ),
    );
}

/** The blocks reached from `id`, skipping over blocks that only pass values through. */
function followPassThrough(id: string, nodes: Record<string, NodeAnalysis>, outgoing: Map<string, string[]>): string[] {
  const found: string[] = [];
  const stack = [...outgoing.get(id)!];
  const seen = new Set<string>();
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (passesThrough(nodes[next].type)) stack.push(...outgoing.get(next)!);
    else found.push(next);
  }
  return found;
}

/** The block that computes the output, looking back past pass-through blocks at the end. */
function lastComputing(id: string, nodes: Record<string, NodeAnalysis>, incoming: Map<string, string[]>): string | undefined {
  let current: string | undefined = id;
  const seen = new Set<string>();
  while (current && passesThrough(nodes[current].type) && !seen.has(current)) {
    seen.add(current);
    const sources: string[] = incoming.get(current)!;
    current = sources.length === 1 ? sources[0] : undefined;
  }
  return current;
}
