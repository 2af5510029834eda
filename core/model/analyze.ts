import type { ParamCount, ResolvedParams } from './block';
import { getBlock, blockTypes } from './blocks/index';
import { formatShape, type Graph, type Shape } from './graph';
import { issue, prefixed, ShapeError, type GraphIssue } from './issues';
import { allowedLayerNameCharacters, isValidLayerName, layerNameFor } from './layer-names';
import { closestName, resolveParams, type Localized } from './params';
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
      graphIssues.push(issue('error', 'duplicate-id', { en: `Two blocks share the id "${node.id}": every block needs its own id.`, fr: `Deux blocs ont le même identifiant « ${node.id} » : chaque bloc doit avoir le sien.` }, node.id));
      continue;
    }
    const block = getBlock(node.type);
    const analysis: NodeAnalysis = { id: node.id, type: node.type, params: {}, inputShapes: [], paramCount: { trainable: 0, nonTrainable: 0 }, issues: [] };
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
            ? { en: `"${node.type}" is not a block type; did you mean "${guess}"?`, fr: `« ${node.type} » n’est pas un type de bloc ; vouliez-vous dire « ${guess} » ?` }
            : { en: `"${node.type}" is not a block type. Known types: ${blockTypes.join(', ')}.`, fr: `« ${node.type} » n’est pas un type de bloc. Types connus : ${blockTypes.join(', ')}.` },
          node.id,
        ),
      );
      continue;
    }
    const { values, problems } = resolveParams(block.params, node.params ?? {});
    analysis.params = values;
    for (const p of problems) analysis.issues.push(issue('error', 'bad-param', prefixed({ en: `${node.type} "${node.id}": `, fr: `${node.type} « ${node.id} » : ` }, p.text), node.id, p.param));
  }

  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    const known = (id: string) => Boolean(nodes[id]);
    if (!known(edge.source) || !known(edge.target)) {
      const missing = known(edge.source) ? edge.target : edge.source;
      const at = known(edge.source) ? edge.source : known(edge.target) ? edge.target : undefined;
      graphIssues.push(issue(
          'error',
          'dangling-edge',
          {
            en: `A connection ${edge.source} → ${edge.target} points to a block "${missing}" that does not exist: delete the connection.`,
            fr: `Une connexion ${edge.source} → ${edge.target} mène à un bloc « ${missing} » qui n’existe pas : supprimez cette connexion.`,
          },
          at,
        ));
      continue;
    }
    if (edge.source === edge.target) {
      nodes[edge.source].issues.push(issue(
          'error',
          'self-loop',
          {
            en: `"${edge.source}" is connected to itself: a block cannot feed its own input. Delete that connection.`,
            fr: `« ${edge.source} » est connecté à lui-même : un bloc ne peut pas alimenter sa propre entrée. Supprimez cette connexion.`,
          },
          edge.source,
        ));
      continue;
    }
    const key = `${edge.source}\u0000${edge.target}`;
    if (seenEdges.has(key)) {
      nodes[edge.target].issues.push(issue(
          'warning',
          'duplicate-edge',
          {
            en: `"${edge.source}" is connected to "${edge.target}" twice; the extra connection is ignored.`,
            fr: `« ${edge.source} » est connecté deux fois à « ${edge.target} » ; la connexion en trop est ignorée.`,
          },
          edge.target,
        ));
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
    const cycle = listIds(inCycle, ' → ');
    for (const id of inCycle)
      nodes[id].issues.push(issue(
          'error',
          'cycle',
          {
            en: `"${id}" is part of a loop (${cycle.en}). Data must flow one way, from the Input to the output: remove one connection of the loop.`,
            fr: `« ${id} » fait partie d’une boucle (${cycle.fr}). Les données doivent aller dans un seul sens, de l’Input vers la sortie : supprimez une connexion de la boucle.`,
          },
          id,
        ));
  }

  for (const id of order) {
    const node = nodes[id];
    const block = getBlock(node.type);
    if (!block) continue;
    const sources = incoming.get(id)!;
    if (sources.length < block.inputs.min || sources.length > block.inputs.max) {
      node.issues.push(issue('error', 'input-count', inputCountMessage(node.type, id, sources.length, block.inputs), id));
      continue;
    }
    const inputShapes = sources.map((s) => nodes[s].outputShape);
    if (inputShapes.some((s) => s === undefined) || node.issues.some((i) => i.severity === 'error')) continue;
    node.inputShapes = inputShapes as Shape[];
    try {
      node.outputShape = block.outputShape(node.inputShapes, node.params);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      const shapes = node.inputShapes.map(formatShape).join(' and ');
      const french = node.inputShapes.map(formatShape).join(' et ');
      node.issues.push(issue('error', error.code, { en: `${node.type} "${id}" (input ${shapes}): ${error.text.en}`, fr: `${node.type} « ${id} » (entrée ${french}) : ${error.text.fr}` }, id, error.param));
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
    node.issues.push(
      issue(
        'error',
        'invalid-id',
        {
          en: `${node.type} "${node.id}": its id cannot be used as a layer name by training and exports (${allowedLayerNameCharacters.en}). Rename the block, for example to "${suggestion}".`,
          fr: `${node.type} « ${node.id} » : son identifiant ne peut pas servir de nom de couche pour l’entraînement et les exports (${allowedLayerNameCharacters.fr}). Renommez le bloc, par exemple en « ${suggestion} ».`,
        },
        node.id,
      ),
    );
  }

  const inputs = order.filter((id) => nodes[id].type === 'Input');
  const outputs = order.filter((id) => outgoing.get(id)!.length === 0 && nodes[id].type !== 'Input');
  if (graph.nodes.length === 0) graphIssues.push(issue('error', 'empty', { en: 'The graph is empty: drag an Input block onto the canvas to start.', fr: 'Le graphe est vide : faites glisser un bloc Input sur le canevas pour commencer.' }));
  else if (!Object.values(nodes).some((n) => n.type === 'Input'))
    graphIssues.push(issue('error', 'no-input', {
        en: 'The graph has no Input block: add one and connect it to the first layer, so the model knows the shape of its data.',
        fr: 'Le graphe n’a pas de bloc Input : ajoutez-en un et connectez-le à la première couche, pour que le modèle connaisse la forme de ses données.',
      }));
  else if (outputs.length === 0 && order.length === graph.nodes.length)
    graphIssues.push(issue(
        'error',
        'no-output',
        {
          en: 'The graph has no layers after its Input, so it has no output: connect a layer (for example Dense) after the Input.',
          fr: 'Le graphe n’a aucune couche après son Input, donc aucune sortie : connectez une couche (par exemple Dense) après l’Input.',
        },
        inputs[0],
      ));

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
    const found = memoryIssue({ nodes, totalParams: trainableParams + nonTrainableParams, trainableParams }, options.memory.training, options.memory.bytes);
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

function inputCountMessage(type: string, id: string, got: number, want: { min: number; max: number }): Localized {
  if (want.max === 0)
    return {
      en: `${type} "${id}" is where data enters the model, so nothing can be connected into it. Remove the connection into it.`,
      fr: `${type} « ${id} » est l’endroit où les données entrent dans le modèle : rien ne peut y être connecté. Supprimez la connexion qui y entre.`,
    };
  if (got === 0)
    return {
      en: `${type} "${id}" has no input: connect the block before it to its input handle.`,
      fr: `${type} « ${id} » n’a pas d’entrée : reliez le bloc précédent à sa poignée d’entrée.`,
    };
  if (want.max === 1)
    return {
      en: `${type} "${id}" takes exactly one input but ${got} are connected. To combine branches, join them with an Add or Concatenate block first.`,
      fr: `${type} « ${id} » prend exactement une entrée, mais ${got} y sont connectées. Pour combiner des branches, réunissez-les d’abord avec un bloc Add ou Concatenate.`,
    };
  return {
    en: `${type} "${id}" needs at least ${want.min} inputs to merge but has ${got}: connect another branch to it.`,
    fr: `${type} « ${id} » doit fusionner au moins ${want.min} entrées mais n’en a que ${got} : connectez-y une autre branche.`,
  };
}

/** How many block ids a message names before it says how many more there are. */
const LISTED_IDS = 8;

/**
 * Block ids for a message, the first few and then a count: every block of a large graph may get
 * the same message, so its length must not grow with the graph.
 */
function listIds(ids: readonly string[], separator: string): Localized {
  if (ids.length <= LISTED_IDS) return { en: ids.join(separator), fr: ids.join(separator) };
  const shown = ids.slice(0, LISTED_IDS).join(separator);
  const more = ids.length - LISTED_IDS;
  return { en: `${shown} and ${more} more`, fr: `${shown} et ${more} autres` };
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
      if (isolated && count > 1)
        node.issues.push(issue(
            'error',
            'unused-input',
            {
              en: `Input "${node.id}" is not connected to anything, so its data reaches no output: connect it to the first layer or delete it.`,
              fr: `L’Input « ${node.id} » n’est connecté à rien, ses données n’atteignent donc aucune sortie : connectez-le à la première couche ou supprimez-le.`,
            },
            node.id,
          ));
      continue;
    }
    if (!fed.has(node.id) && incoming.get(node.id)!.length > 0 && !node.issues.some((i) => i.code === 'cycle'))
      node.issues.push(issue(
          'error',
          'not-fed',
          {
            en: `${node.type} "${node.id}" receives no data: no path leads to it from an Input block. Connect its branch to an Input.`,
            fr: `${node.type} « ${node.id} » ne reçoit aucune donnée : aucun chemin n’y mène depuis un bloc Input. Reliez sa branche à un Input.`,
          },
          node.id,
        ));
  }
  if (outputs.length > 1) {
    const ends = listIds(outputs, ', ');
    // Training fits one output to the labels: for training, a second output is an error.
    for (const id of outputs)
      nodes[id].issues.push(
        issue(
          forTraining ? 'error' : 'warning',
          'several-outputs',
          {
            en: `The graph ends in ${outputs.length} places (${ends.en}), so the model has ${outputs.length} outputs. If "${id}" is not meant to be an output, connect it to the next block or delete it.`,
            fr: `Le graphe se termine en ${outputs.length} endroits (${ends.fr}), le modèle a donc ${outputs.length} sorties. Si « ${id} » ne doit pas être une sortie, connectez-le au bloc suivant ou supprimez-le.`,
          },
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
      const positions = formatShape(shape.slice(0, -1));
      node.issues.push(
        issue(
          'warning',
          'dense-needs-flatten',
          {
            en: `Dense "${node.id}" receives a ${formatShape(shape)} tensor. It will only mix the last axis (${shape[shape.length - 1]} values), separately at each of the ${positions} positions, and output ${formatShape(node.outputShape)}. To connect every value to every unit, add a Flatten block before it.`,
            fr: `Dense « ${node.id} » reçoit un tenseur ${formatShape(shape)}. Il ne mélangera que le dernier axe (${shape[shape.length - 1]} valeurs), séparément à chacune des ${positions} positions, et produira ${formatShape(node.outputShape)}. Pour relier chaque valeur à chaque neurone, ajoutez un bloc Flatten avant lui.`,
          },
          node.id,
        ),
      );
    }
    if (node.type === 'Dense' && activationOf(node) === 'linear') {
      const next = followPassThrough(node.id, nodes, outgoing);
      const dense = next.find((id) => nodes[id].type === 'Dense');
      if (dense)
        node.issues.push(
          issue(
            'warning',
            'linear-stack',
            {
              en: `Dense "${node.id}" has no activation and feeds Dense "${dense}": two linear layers in a row compute nothing more than one. Set \`activation\` to "relu" (or another non-linearity) on "${node.id}".`,
              fr: `Dense « ${node.id} » n’a pas d’activation et alimente Dense « ${dense} » : deux couches linéaires à la suite ne calculent rien de plus qu’une seule. Réglez \`activation\` sur "relu" (ou une autre non-linéarité) dans « ${node.id} ».`,
            },
            node.id,
            'activation',
          ),
        );
    }
  }

  for (const id of outputs) {
    const out = nodes[id];
    if (passesThrough(out.type)) {
      const what = out.type === 'Dropout' ? 'Dropout' : `${out.type} (augmentation)`;
      const whatFr = out.type === 'Dropout' ? 'Dropout' : `${out.type} (augmentation)`;
      out.issues.push(
        issue(
          'warning',
          'regulariser-at-output',
          {
            en: `${what} "${id}" is the last block, so it acts on the model's predictions instead of its features. Move it before the last Dense layer.`,
            fr: `${whatFr} « ${id} » est le dernier bloc : il agit donc sur les prédictions du modèle au lieu de ses caractéristiques. Placez-le avant la dernière couche Dense.`,
          },
          id,
        ),
      );
    }
    const last = lastComputing(id, nodes, incoming);
    const activation = last ? activationOf(nodes[last]) : undefined;
    if (!options.loss || !last) continue;
    if (activation === 'softmax' && regressionLosses.includes(options.loss))
      nodes[last].issues.push(
        issue(
          'warning',
          'softmax-regression',
          {
            en: `The output "${last}" uses softmax, which turns outputs into class probabilities, but the loss ${options.loss} is for predicting numbers (regression). For classes use categoricalCrossentropy; for numbers set \`activation\` to "linear".`,
            fr: `La sortie « ${last} » utilise softmax, qui transforme les sorties en probabilités de classes, mais la perte ${options.loss} sert à prédire des nombres (régression). Pour des classes, utilisez categoricalCrossentropy ; pour des nombres, réglez \`activation\` sur "linear".`,
          },
          last,
          'activation',
        ),
      );
  }
}

/** Blocks whose `activation` parameter can make the output softmax or sigmoid. */
const SETS_ACTIVATION = new Set(['Dense', 'Activation']);

const plural = (n: number, en: string, fr: string) => ({ en: `${n} ${en}${n === 1 ? '' : 's'}`, fr: `${n} ${fr}${n > 1 ? 's' : ''}` });

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
    nodes[id].issues.push(
      issue(
        'error',
        'several-inputs',
        {
          en: `Training needs exactly one Input block, but the model has ${inputs.length} (${inputs.join(', ')}): delete Input "${id}" or connect its branch to the other Input instead.`,
          fr: `L’entraînement demande exactement un bloc Input, mais le modèle en a ${inputs.length} (${inputs.join(', ')}) : supprimez l’Input « ${id} » ou reliez sa branche à l’autre Input.`,
        },
        id,
      ),
    );
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
          {
            en: `The Input block "${input.id}" has shape ${formatShape(shape)} but each sample of the data set "${data.name}" is ${formatShape(data.inputShape)}: set \`shape\` to [${data.inputShape.join(', ')}].`,
            fr: `Le bloc Input « ${input.id} » a la forme ${formatShape(shape)}, mais chaque exemple du jeu de données « ${data.name} » est ${formatShape(data.inputShape)} : réglez \`shape\` sur [${data.inputShape.join(', ')}].`,
          },
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
  const unitsText = classes !== undefined ? String(classes) : classification ? 'the number of classes' : 'the number of targets';
  const unitsTextFr = classes !== undefined ? String(classes) : classification ? 'le nombre de classes' : 'le nombre de cibles';
  const activationText = classification ? { en: loss === 'binaryCrossentropy' ? ' and `activation` "sigmoid"' : ' and `activation` "softmax"', fr: loss === 'binaryCrossentropy' ? ' et `activation` "sigmoid"' : ' et `activation` "softmax"' } : { en: '', fr: '' };
  if (shape.length !== 1) {
    const last = lastComputing(out.id, nodes, incoming);
    const dense = last !== undefined && nodes[last].type === 'Dense' ? last : undefined;
    const want = classification
      ? classes !== undefined
        ? { en: `${classes} values, one per class`, fr: `${classes} valeurs, une par classe` }
        : { en: 'one value per class', fr: 'une valeur par classe' }
      : { en: 'one value per target', fr: 'une valeur par cible' };
    const fix = dense
      ? { en: `add a Flatten block (or GlobalAveragePooling2D) just before Dense "${dense}"`, fr: `ajoutez un bloc Flatten (ou GlobalAveragePooling2D) juste avant Dense « ${dense} »` }
      : {
          en: `add a Flatten block and then a Dense block with \`units\` = ${unitsText}${activationText.en} after "${out.id}"`,
          fr: `ajoutez un bloc Flatten puis un bloc Dense avec \`units\` = ${unitsTextFr}${activationText.fr} après « ${out.id} »`,
        };
    out.issues.push(
      issue(
        'error',
        'output-not-flat',
        {
          en: `The model's output "${out.id}" gives ${formatShape(shape)} values for each sample, but it must give ${want.en}: ${fix.en}.`,
          fr: `La sortie du modèle « ${out.id} » donne ${formatShape(shape)} valeurs par exemple, mais elle doit donner ${want.fr} : ${fix.fr}.`,
        },
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
      const have = plural(units, 'unit', 'unité');
      (dense ?? out).issues.push(
        issue(
          'error',
          'output-units-classes',
          {
            en: `The output block "${(dense ?? out).id}" has ${have.en} but the data set has ${classes} classes: ${dense ? `set \`units\` to ${classes}` : `end the model with a Dense block of ${classes} units`}.`,
            fr: `Le bloc de sortie « ${(dense ?? out).id} » a ${have.fr}, mais le jeu de données a ${classes} classes : ${dense ? `réglez \`units\` sur ${classes}` : `terminez le modèle par un bloc Dense de ${classes} unités`}.`,
          },
          (dense ?? out).id,
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
    (last ?? out).issues.push(
      issue(
        'error',
        'crossentropy-one-unit',
        {
          en: `The loss ${loss} needs one probability per class, but the output "${out.id}" has a single unit: softmax over one value is always 1, so nothing would be learned. Set \`units\` to ${unitsText} on "${(last ?? out).id}", or, for two classes, choose the loss binaryCrossentropy with \`activation\` "sigmoid".`,
          fr: `La perte ${loss} demande une probabilité par classe, mais la sortie « ${out.id} » n’a qu’une unité : un softmax sur une seule valeur vaut toujours 1, le modèle n’apprendrait donc rien. Réglez \`units\` sur ${unitsTextFr} dans « ${(last ?? out).id} », ou, pour deux classes, choisissez la perte binaryCrossentropy avec \`activation\` "sigmoid".`,
        },
        (last ?? out).id,
        last?.type === 'Dense' ? 'units' : undefined,
      ),
    );
    return;
  }
  if (!last || !SETS_ACTIVATION.has(last.type)) {
    // Only a Dense or Activation block can be told to apply softmax or sigmoid: say what is missing.
    out.issues.push(
      issue(
        'error',
        loss === 'binaryCrossentropy' ? 'binary-needs-sigmoid' : 'crossentropy-needs-softmax',
        {
          en: `The loss ${loss} expects ${wanted === 'softmax' ? 'class probabilities' : 'a probability between 0 and 1'}, but the output "${out.id}" (${out.type}) gives raw values: add a Dense block with \`units\` = ${unitsText === 'the number of classes' ? units : unitsText} and \`activation\` "${wanted}" after it.`,
          fr: `La perte ${loss} attend ${wanted === 'softmax' ? 'des probabilités de classes' : 'une probabilité entre 0 et 1'}, mais la sortie « ${out.id} » (${out.type}) donne des valeurs brutes : ajoutez après elle un bloc Dense avec \`units\` = ${unitsText === 'the number of classes' ? units : unitsTextFr} et \`activation\` "${wanted}".`,
        },
        out.id,
      ),
    );
    return;
  }
  if (activation !== wanted)
    last.issues.push(
      issue(
        'error',
        loss === 'binaryCrossentropy' ? 'binary-needs-sigmoid' : 'crossentropy-needs-softmax',
        wanted === 'softmax'
          ? {
              en: `The loss ${loss} expects class probabilities, but the output "${last.id}" uses the "${activation}" activation. Set \`activation\` to "softmax" on "${last.id}".`,
              fr: `La perte ${loss} attend des probabilités de classes, mais la sortie « ${last.id} » utilise l’activation "${activation}". Réglez \`activation\` sur "softmax" dans « ${last.id} ».`,
            }
          : {
              en: `The loss binaryCrossentropy expects a probability between 0 and 1, but the output "${last.id}" uses "${activation}". Set \`activation\` to "sigmoid" on "${last.id}".`,
              fr: `La perte binaryCrossentropy attend une probabilité entre 0 et 1, mais la sortie « ${last.id} » utilise "${activation}". Réglez \`activation\` sur "sigmoid" dans « ${last.id} ».`,
            },
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
