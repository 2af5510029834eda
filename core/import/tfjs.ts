// Imports a TensorFlow.js layers model (`model.json` and the weight shards it lists, as `tf.io`,
// tensorflowjs_converter and the app's own TensorFlow.js export write them) into the app's blocks.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { halfToFloat, matchLayerWeights, translateKerasModel, type FoundWeight } from './keras-layers';
import { problem } from '../i18n/catalogue';
import { ImportError, type ImportedModel, type ImportedWeight } from './types';

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
}

interface ManifestGroup {
  paths: string[];
  weights: ManifestEntry[];
}

const bytesPer: Record<string, number> = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2, bool: 1 };

/** One weight's values as float32, dequantized when the manifest says it is quantized. */
function decode(entry: ManifestEntry, bytes: Uint8Array, size: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(size);
  const q = entry.quantization;
  if (!q) {
    for (let i = 0; i < size; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (q.dtype === 'float16') {
    for (let i = 0; i < size; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
  } else {
    const scale = q.scale ?? 1;
    const min = q.min ?? 0;
    for (let i = 0; i < size; i++) out[i] = (q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true)) * scale + min;
  }
  return out;
}

function isManifest(value: unknown): value is ManifestGroup[] {
  return (
    Array.isArray(value) &&
    value.every(
      (g) =>
        g &&
        Array.isArray((g as ManifestGroup).paths) &&
        (g as ManifestGroup).paths.every((p) => typeof p === 'string') &&
        Array.isArray((g as ManifestGroup).weights) &&
        (g as ManifestGroup).weights.every(
          (w) =>
            w &&
            typeof w.name === 'string' &&
            Array.isArray(w.shape) &&
            w.shape.every((d) => Number.isInteger(d) && d >= 0) &&
            typeof w.dtype === 'string',
        ),
    )
  );
}

/** Every weight of the manifest by name, read from its shards (in the folder of model.json), checked against the sizes the manifest gives. */
async function readWeights(dir: string, manifest: ManifestGroup[], what: string): Promise<Map<string, FoundWeight>> {
  const out = new Map<string, FoundWeight>();
  for (const group of manifest) {
    const parts: Uint8Array[] = [];
    for (const path of group.paths) {
      try {
        parts.push(await readFile(join(dir, path)));
      } catch (error) {
        throw new ImportError(problem('import:tfjsShardUnreadable', { what, path, message: (error as Error).message }));
      }
    }
    const total = parts.reduce((n, p) => n + p.length, 0);
    const bytes = new Uint8Array(total);
    parts.reduce((offset, p) => (bytes.set(p, offset), offset + p.length), 0);
    let offset = 0;
    const sizes = group.weights.map((entry) => {
      const dtype = entry.quantization?.dtype ?? entry.dtype;
      if (entry.dtype !== 'float32' || !(dtype in bytesPer) || dtype === 'int32' || dtype === 'bool')
        throw new ImportError(
          problem('import:tfjsWeightType', {
            what,
            name: entry.name,
            dtype: entry.dtype,
            stored: entry.quantization?.dtype ?? '',
            ...(entry.quantization ? { context: 'stored' } : {}),
          }),
          entry.name.split('/')[0],
        );
      const size = entry.shape.reduce((a, b) => a * b, 1);
      return { entry, size, byteLength: size * bytesPer[dtype] };
    });
    const needed = sizes.reduce((n, s) => n + s.byteLength, 0);
    if (needed !== total)
      throw new ImportError(
        problem('import:tfjsShardBytes', { what, needed, paths: group.paths, total, context: total < needed ? 'truncated' : 'foreign' }),
      );
    for (const { entry, size, byteLength } of sizes) {
      if (out.has(entry.name)) throw new ImportError(problem('import:tfjsWeightTwice', { what, name: entry.name }));
      out.set(entry.name, {
        label: `"${entry.name}"`,
        shape: [...entry.shape],
        data: decode(entry, bytes.subarray(offset, offset + byteLength), size),
      });
      offset += byteLength;
    }
  }
  return out;
}

/** Reads a TensorFlow.js layers model: its config becomes blocks, its weights the blocks' weights. */
export async function loadTfjsModel(file: string): Promise<ImportedModel> {
  const what = `"${basename(file)}"`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ImportError(problem('import:tfjsUnreadable', { what, message: (error as Error).message }));
  }
  let json: { format?: unknown; modelTopology?: unknown; weightsManifest?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new ImportError(problem('import:tfjsNotJson', { what, message: (error as Error).message }));
  }
  if (json?.format === 'graph-model') throw new ImportError(problem('import:tfjsGraphModel', { what }));
  const topology = json?.modelTopology as { model_config?: unknown } | undefined;
  if (!topology || typeof topology !== 'object') throw new ImportError(problem('import:tfjsNoTopology', { what }));
  if (!isManifest(json.weightsManifest)) throw new ImportError(problem('import:tfjsNoManifest', { what }));
  const model = translateKerasModel(topology.model_config ?? topology, what, basename(file));
  const found = await readWeights(dirname(file), json.weightsManifest, what);
  const weights: ImportedWeight[] = [];
  const used = new Set<string>();
  for (const layer of model.layers) {
    // A layer of a model inside the model is named with the models that hold it (`base/conv1/kernel`) or on its own.
    const prefixes = [...(layer.within.length ? [[...layer.within, layer.kerasName].join('/')] : []), layer.kerasName];
    const prefix = prefixes.find((p) => layer.weights.every((w) => found.has(`${p}/${w.name}`))) ?? prefixes[0];
    const mine = layer.weights.filter((w) => found.has(`${prefix}/${w.name}`));
    const present = [...found.keys()].filter((name) => name.startsWith(`${prefix}/`) && !name.slice(prefix.length + 1).includes('/'));
    const missing = layer.weights.find((w) => !found.has(`${prefix}/${w.name}`));
    if (missing)
      throw new ImportError(
        problem('import:tfjsMissingWeight', {
          what,
          layer: prefix,
          className: layer.className,
          weight: `${prefix}/${missing.name}`,
          present,
          ...(present.length ? {} : { context: 'none' }),
        }),
        layer.kerasName,
      );
    for (const w of mine) used.add(`${prefix}/${w.name}`);
    weights.push(
      ...matchLayerWeights(
        layer,
        mine.map((w) => found.get(`${prefix}/${w.name}`)!),
        what,
      ),
    );
  }
  const stray = [...found.keys()].filter((name) => !used.has(name));
  if (stray.length) throw new ImportError(problem('import:tfjsStrayWeights', { what, names: stray }));
  return { name: model.name, graph: model.graph, weights, format: 'tfjs', notes: [] };
}
