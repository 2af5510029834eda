// Reads a Keras weights file (HDF5, the layout `model.save_weights("x.h5")` writes and Keras
// Applications publish) and maps its weights onto a graph's blocks by layer name.
import { analyzeGraph } from '../model/analyze';
import type { Graph } from '../model/graph';
import { readKerasWeights } from '../import/keras';
import { expectedWeights } from '../import/keras-layers';
import { problem } from '../i18n/catalogue';
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
    throw new ImportError(
      extra.length && missing.length
        ? problem('bases:layersBoth', { file: fileName, extra, missing, count: missing.length })
        : extra.length
          ? problem('bases:layersExtra', { file: fileName, extra })
          : problem('bases:layersMissing', { file: fileName, missing, count: missing.length }),
      extra[0] ?? missing[0],
    );
  }
  const out: ImportedWeight[] = [];
  for (const [block, wanted] of expected) {
    const layer = inFile.get(block)!;
    if (layer.weights.length !== wanted.length)
      throw new ImportError(
        problem('bases:weightCount', {
          layer: block,
          file: fileName,
          count: layer.weights.length,
          names: layer.weights.map((w) => w.name),
          wanted: wanted.length,
          wantedNames: wanted.map((w) => w.name),
        }),
        block,
      );
    wanted.forEach((w, i) => {
      const got = layer.weights[i];
      if (size(got.shape) !== size(w.shape) || got.shape.length !== w.shape.length || got.shape.some((d, k) => d !== w.shape[k]))
        throw new ImportError(
          problem('bases:weightShape', {
            weight: got.name,
            layer: block,
            file: fileName,
            shape: got.shape,
            name: w.name,
            wantedShape: w.shape,
          }),
          block,
        );
      out.push({ name: `${block}/${w.name}`, shape: w.shape, data: got.data });
    });
  }
  return out;
}
