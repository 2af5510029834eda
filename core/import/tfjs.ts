// Imports a TensorFlow.js layers model (`model.json` and the weight shards it lists, as `tf.io`,
// tensorflowjs_converter and the app's own TensorFlow.js export write them) into the app's blocks.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { halfToFloat, matchLayerWeights, translateKerasModel, type FoundWeight } from './keras-layers';
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
        throw new ImportError({
          en: `${what} lists the weight file "${path}", but it cannot be read next to it (${(error as Error).message}). Put every file the model came with in the same folder.`,
          fr: `${what} liste le fichier de poids « ${path} », mais il est illisible à côté de lui (${(error as Error).message}). Placez tous les fichiers du modèle dans le même dossier.`,
        });
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
          {
            en: `${what}: the weight "${entry.name}" is of type ${entry.dtype}${entry.quantization ? ` stored as ${entry.quantization.dtype}` : ''}; the app’s blocks hold float32 weights (stored as float32, float16, uint8 or uint16).`,
            fr: `${what} : le poids « ${entry.name} » est de type ${entry.dtype}${entry.quantization ? ` stocké en ${entry.quantization.dtype}` : ''} ; les blocs de l’application ont des poids float32 (stockés en float32, float16, uint8 ou uint16).`,
          },
          entry.name.split('/')[0],
        );
      const size = entry.shape.reduce((a, b) => a * b, 1);
      return { entry, size, byteLength: size * bytesPer[dtype] };
    });
    const needed = sizes.reduce((n, s) => n + s.byteLength, 0);
    if (needed !== total)
      throw new ImportError({
        en: `${what}: its weights need ${needed} bytes, but the files ${group.paths.join(', ')} hold ${total}${total < needed ? ': they are truncated' : ': they are not the files of this model.json'}. Copy the model again, with all its files.`,
        fr: `${what} : ses poids demandent ${needed} octets, mais les fichiers ${group.paths.join(', ')} en contiennent ${total}${total < needed ? ' : ils sont tronqués' : ' : ce ne sont pas les fichiers de ce model.json'}. Copiez de nouveau le modèle, avec tous ses fichiers.`,
      });
    for (const { entry, size, byteLength } of sizes) {
      if (out.has(entry.name))
        throw new ImportError({
          en: `${what}: the weight "${entry.name}" is listed twice.`,
          fr: `${what} : le poids « ${entry.name} » est listé deux fois.`,
        });
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
    throw new ImportError({
      en: `${what} cannot be read: ${(error as Error).message}.`,
      fr: `${what} est illisible : ${(error as Error).message}.`,
    });
  }
  let json: { format?: unknown; modelTopology?: unknown; weightsManifest?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new ImportError({
      en: `${what} is not valid JSON (${(error as Error).message}); a TensorFlow.js model.json is a JSON file. Is it truncated?`,
      fr: `${what} n’est pas du JSON valide (${(error as Error).message}) ; le model.json de TensorFlow.js est un fichier JSON. Est-il tronqué ?`,
    });
  }
  if (json?.format === 'graph-model')
    throw new ImportError({
      en: `${what} is a TensorFlow.js graph model (converted from a SavedModel): it has operations, not layers. Convert the Keras model with tensorflowjs_converter --output_format=tfjs_layers_model, or import its ONNX or Keras file.`,
      fr: `${what} est un modèle de graphe TensorFlow.js (converti depuis un SavedModel) : il contient des opérations, pas des couches. Convertissez le modèle Keras avec tensorflowjs_converter --output_format=tfjs_layers_model, ou importez son fichier ONNX ou Keras.`,
    });
  const topology = json?.modelTopology as { model_config?: unknown } | undefined;
  if (!topology || typeof topology !== 'object')
    throw new ImportError({
      en: `${what} has no "modelTopology": it is not a TensorFlow.js layers model.`,
      fr: `${what} n’a pas de « modelTopology » : ce n’est pas un modèle de couches TensorFlow.js.`,
    });
  if (!isManifest(json.weightsManifest))
    throw new ImportError({
      en: `${what} has no valid "weightsManifest" (a list of { paths, weights: [{ name, shape, dtype }] }): it is damaged or not a TensorFlow.js layers model.`,
      fr: `${what} n’a pas de « weightsManifest » valide (une liste de { paths, weights: [{ name, shape, dtype }] }) : il est abîmé ou ce n’est pas un modèle de couches TensorFlow.js.`,
    });
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
        {
          en: `${what}: layer "${prefix}" (${layer.className}) needs the weight "${prefix}/${missing.name}", which the weights manifest does not list${present.length ? ` (it lists ${present.join(', ')})` : ''}.`,
          fr: `${what} : la couche « ${prefix} » (${layer.className}) demande le poids « ${prefix}/${missing.name} », absent du manifeste des poids${present.length ? ` (qui liste ${present.join(', ')})` : ''}.`,
        },
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
  if (stray.length)
    throw new ImportError({
      en: `${what}: the weights manifest lists ${stray.map((s) => `"${s}"`).join(', ')}, which no layer of the model uses: the weights do not belong to this model.`,
      fr: `${what} : le manifeste des poids liste ${stray.map((s) => `« ${s} »`).join(', ')}, qu’aucune couche du modèle n’utilise : ces poids ne sont pas ceux de ce modèle.`,
    });
  return { name: model.name, graph: model.graph, weights, format: 'tfjs', notes: [] };
}
