// Reads a Keras weights file (HDF5, the layout `model.save_weights("x.h5")` writes and Keras
// Applications publish) and maps its weights onto a graph's blocks by layer name.
import { analyzeGraph } from '../model/analyze';
import type { Graph } from '../model/graph';
import { readKerasWeights } from '../import/keras';
import { expectedWeights } from '../import/keras-layers';
import { ImportError, type ImportedWeight } from '../import/types';

/** One layer of a Keras weights file: its name and its weights in the file's order. */
export interface KerasFileLayer {
  name: string;
  weights: { name: string; shape: number[]; data: Float32Array }[];
}

/**
 * The layers of a Keras weights file, in the file's order, read by the Keras importer's reader of
 * the weight-file layout (one reader for every Keras file the app opens). Throws ImportError for a
 * file that is not one.
 */
export async function readKerasWeightsFile(file: string): Promise<KerasFileLayer[]> {
  const { layers } = await readKerasWeights(file);
  return [...layers].map(([name, found]) => ({
    name,
    weights: found.map((w) => ({ name: w.label.replace(/^"|"$/g, '').replace(`${name}/`, ''), shape: w.shape, data: w.data })),
  }));
}

export function expectedKerasWeights(graph: Graph): Map<string, { name: string; shape: number[] }[]> {
  const analysis = analyzeGraph(graph);
  const expected = new Map<string, { name: string; shape: number[] }[]>();
  for (const node of graph.nodes) {
    const a = analysis.nodes[node.id];
    const list = a?.inputShapes[0] ? expectedWeights(node.type, a.params, a.inputShapes[0]) : [];
    if (list.length) expected.set(node.id, list);
  }
  return expected;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The weights of a Keras weights file for a graph whose block ids are the file's layer names,
 * named `block/weight`. Within a layer, weights are taken in the file's order, as Keras loads
 * them. A file whose layers do not match the graph's (a layer with weights the graph lacks, or
 * the reverse unless `only: 'file'`, or a weight of another shape) is refused, naming them.
 */
export function mapKerasWeights(
  graph: Graph,
  layers: KerasFileLayer[],
  fileName: string,
  options: { only?: 'file' } = {},
): ImportedWeight[] {
  const all = expectedKerasWeights(graph);
  // `only: 'file'`: the graph may hold more blocks with weights than the file (a classifier after a base), which are left as they are.
  const named = new Set(layers.filter((l) => l.weights.length > 0).map((l) => l.name));
  const expected = options.only === 'file' ? new Map([...all].filter(([id]) => named.has(id))) : all;
  const inFile = new Map(layers.filter((l) => l.weights.length > 0).map((l) => [l.name, l]));
  const extra = [...inFile.keys()].filter((name) => !expected.has(name));
  const missing = [...expected.keys()].filter((name) => !inFile.has(name));
  if (extra.length || missing.length) {
    const list = (names: string[]) => names.slice(0, 8).join(', ') + (names.length > 8 ? ` … (${names.length})` : '');
    throw new ImportError(
      {
        en: `The layers of ${fileName} do not match the network: ${[extra.length ? `the file has weights for ${list(extra)}, which the network lacks` : '', missing.length ? `the network's ${list(missing)} ${missing.length === 1 ? 'has' : 'have'} no weights in the file` : ''].filter(Boolean).join('; ')}. Use the weights file made for this network.`,
        fr: `Les couches de ${fileName} ne correspondent pas au réseau : ${[extra.length ? `le fichier a des poids pour ${list(extra)}, absents du réseau` : '', missing.length ? `${list(missing)} du réseau n’${missing.length === 1 ? 'a' : 'ont'} pas de poids dans le fichier` : ''].filter(Boolean).join(' ; ')}. Utilisez le fichier de poids fait pour ce réseau.`,
      },
      extra[0] ?? missing[0],
    );
  }
  const out: ImportedWeight[] = [];
  for (const [block, wanted] of expected) {
    const layer = inFile.get(block)!;
    if (layer.weights.length !== wanted.length)
      throw new ImportError(
        {
          en: `Layer "${block}" of ${fileName} has ${layer.weights.length} weights (${layer.weights.map((w) => w.name).join(', ')}), but the network's block has ${wanted.length} (${wanted.map((w) => w.name).join(', ')}). Use the weights file made for this network.`,
          fr: `La couche « ${block} » de ${fileName} a ${layer.weights.length} poids (${layer.weights.map((w) => w.name).join(', ')}), mais le bloc du réseau en a ${wanted.length} (${wanted.map((w) => w.name).join(', ')}). Utilisez le fichier de poids fait pour ce réseau.`,
        },
        block,
      );
    wanted.forEach((w, i) => {
      const got = layer.weights[i];
      if (size(got.shape) !== size(w.shape) || got.shape.length !== w.shape.length || got.shape.some((d, k) => d !== w.shape[k]))
        throw new ImportError(
          {
            en: `The weight "${got.name}" of layer "${block}" in ${fileName} has shape [${got.shape.join(', ')}], but the network's ${w.name} needs [${w.shape.join(', ')}]. Use the weights file made for this network (and its input size's channels).`,
            fr: `Le poids « ${got.name} » de la couche « ${block} » dans ${fileName} a la forme [${got.shape.join(', ')}], mais ${w.name} du réseau demande [${w.shape.join(', ')}]. Utilisez le fichier de poids fait pour ce réseau.`,
          },
          block,
        );
      out.push({ name: `${block}/${w.name}`, shape: w.shape, data: got.data });
    });
  }
  return out;
}
