// Imports Keras models: HDF5 (`.h5`: the `model_config` attribute and the `model_weights` group,
// Keras's published weight-file layout) and Keras 3 (`.keras`: a zip of `config.json` and
// `model.weights.h5`). The layer vocabulary is the one TensorFlow.js uses, mapped by keras-layers.ts.
import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import type * as H5 from 'h5wasm';
import {
  halfToFloat,
  matchLayerWeights,
  translateKerasModel,
  type FoundWeight,
  type TranslatedLayer,
  type TranslatedModel,
} from './keras-layers';
import { problem } from '../i18n/catalogue';
import { ImportError, type ImportedModel, type ImportedWeight } from './types';

type H5Module = typeof H5;
let h5Module: Promise<H5Module> | undefined;

/** h5wasm's Node build (the host file system through NODERAWFS), loaded once. */
function h5wasm(): Promise<H5Module> {
  h5Module ??= (async () => {
    // Electron's Node defines `navigator`, which makes Emscripten think it runs in a browser: hide it while h5wasm starts.
    const navigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    if (navigator?.configurable) Object.defineProperty(globalThis, 'navigator', { value: undefined, configurable: true });
    try {
      const module = (await import('h5wasm/node')) as unknown as H5Module;
      // HDF5 errors become exceptions (caught here and said in words) instead of traces printed on stderr.
      (await module.ready).activate_throwing_error_handler();
      return module;
    } finally {
      if (navigator?.configurable) Object.defineProperty(globalThis, 'navigator', navigator);
    }
  })();
  return h5Module;
}

/** Opens an HDF5 file for reading; an ImportError when it is not one (or is damaged). */
async function openH5(file: string, what: string): Promise<H5.File> {
  const h5 = await h5wasm();
  let f: H5.File | undefined;
  try {
    f = new h5.File(file, 'r');
    if (!(f.file_id > 0n)) throw new Error('the HDF5 library could not open it');
    f.keys();
    return f;
  } catch (error) {
    if (f && f.file_id > 0n) f.close();
    const reason = hdf5Reason(error);
    throw new ImportError(problem('import:kerasNotHdf5', { what, reason }));
  }
}

/** The innermost reason of an HDF5 error trace (`minor: …` of its last frame), or the message. */
function hdf5Reason(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  const frames = message.split('\n').filter((line) => /^\s*#\d+:/.test(line));
  const last = frames[frames.length - 1];
  const reason = last?.replace(/^\s*#\d+:\s*\S+ line \d+ in /, '').trim();
  return reason || message.split('\n')[0];
}

function damaged(what: string, path: string, error: unknown): ImportError {
  const reason = hdf5Reason(error);
  return new ImportError(problem('import:kerasDamaged', { what, path, reason }));
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return undefined;
}

function stringsOf(value: unknown): string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map((v) => textOf(v) ?? String(v));
  return undefined;
}

/**
 * An attribute of a list of names, as Keras writes it: under its name, or, when too long for one
 * HDF5 attribute, in pieces `name0`, `name1`, … (Keras's `save_attributes_to_hdf5_group`).
 */
function nameList(entity: H5.Group, name: string, what: string): string[] | undefined {
  let attrs: Record<string, H5.Attribute>;
  try {
    attrs = entity.attrs;
  } catch (error) {
    throw damaged(what, entity.path, error);
  }
  if (attrs[name]) return stringsOf(attrs[name].value) ?? [];
  if (!attrs[`${name}0`]) return undefined;
  const out: string[] = [];
  for (let i = 0; attrs[`${name}${i}`]; i++) out.push(...(stringsOf(attrs[`${name}${i}`].value) ?? []));
  return out;
}

/** A dataset's bytes as the file stores them, read by the HDF5 library into the module's memory. */
function rawBytes(h5: H5Module, dataset: H5.Dataset, bytes: number): Uint8Array {
  const module = h5.Module;
  const pointer = module._malloc(bytes);
  try {
    module.get_dataset_data(dataset.file_id, dataset.path, null, null, null, BigInt(pointer));
    return module.HEAPU8.slice(pointer, pointer + bytes);
  } finally {
    module._free(pointer);
  }
}

/** A dataset's values as float32, with its shape. */
function readTensor(h5: H5Module, f: H5.File, path: string, label: string, what: string): FoundWeight {
  let entity: ReturnType<H5.File['get']>;
  try {
    entity = f.get(path);
  } catch (error) {
    throw damaged(what, path, error);
  }
  if (!entity || !(entity instanceof Object) || !('shape' in entity) || typeof (entity as H5.Dataset).metadata !== 'object')
    throw new ImportError(problem('import:kerasMissingWeight', { what, path }));
  const dataset = entity as H5.Dataset;
  let raw: unknown;
  let metadata: H5.Dataset['metadata'];
  try {
    metadata = dataset.metadata;
    // h5wasm has no typed array for half floats: their bytes are read as they are and converted below.
    raw = metadata.type === 1 && metadata.size === 2 ? rawBytes(h5, dataset, metadata.size * metadata.total_size) : dataset.value;
  } catch (error) {
    throw damaged(what, path, error);
  }
  const shape = [...(dataset.shape ?? [])];
  const size = shape.reduce((a, b) => a * b, 1);
  let data: Float32Array;
  if (metadata.type === 1 && (raw instanceof Float32Array || raw instanceof Float64Array)) data = Float32Array.from(raw);
  else if (metadata.type === 1 && metadata.size === 2 && raw instanceof Uint8Array) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    data = Float32Array.from({ length: size }, (_, i) => halfToFloat(view.getUint16(i * 2, metadata.littleEndian)));
  } else if (metadata.type === 0 && ArrayBuffer.isView(raw) && !(raw instanceof DataView)) {
    // Integer weights (Keras's Normalization keeps its sample count as int64) are held as float32 when every value is exactly one.
    const values = Array.from(raw as unknown as ArrayLike<number | bigint>, Number);
    if (values.some((v) => !(Math.abs(v) <= 2 ** 24))) throw new ImportError(problem('import:kerasLargeIntegers', { what, label }));
    data = Float32Array.from(values);
  } else if (typeof raw === 'number' || typeof raw === 'bigint') data = Float32Array.of(Number(raw));
  else throw new ImportError(problem('import:kerasNotFloat', { what, label, type: metadata.type, size: metadata.size }));
  if (data.length !== size) throw damaged(what, path, new Error(`${data.length} values for a shape of ${size}`));
  return { label, shape, data };
}

/**
 * The weights of a Keras weight file, by layer, each layer's tensors in Keras's order. Two layouts:
 * - Keras 2 and `tf.keras` (`model.save("m.h5")`, `save_weights("w.h5")`, the Keras Applications
 *   weight files): a group with a `layer_names` attribute (the root, or `model_weights` in a full
 *   model file), a group per layer with a `weight_names` attribute naming its datasets;
 *   keyed by layer name.
 * - Keras 3 (`model.weights.h5` in a `.keras` file, `save_weights("w.weights.h5")`):
 *   `layers/<path>/vars/0`, `1`, …; keyed by `<path>`, which Keras 3 makes from the layer's class
 *   (`conv2d`, `conv2d_1`, …, in the order of the model's layers).
 */
export interface KerasWeightFile {
  layout: 'keras2' | 'keras3';
  layers: Map<string, FoundWeight[]>;
  /** The Keras version that wrote the file, when it says. */
  kerasVersion?: string;
}

function readOpenWeights(h5: H5Module, f: H5.File, what: string): KerasWeightFile {
  const group = (() => {
    try {
      const g = f.get('model_weights');
      return g && 'keys' in g ? (g as H5.Group) : f;
    } catch (error) {
      throw damaged(what, 'model_weights', error);
    }
  })();
  const layerNames = nameList(group, 'layer_names', what);
  const attr = (name: string) => {
    try {
      return textOf(group.attrs[name]?.value ?? undefined);
    } catch {
      return undefined;
    }
  };
  if (layerNames) {
    const layers = new Map<string, FoundWeight[]>();
    for (const layer of layerNames) {
      const entity = group.get(layer);
      if (!entity || !('keys' in entity)) throw new ImportError(problem('import:kerasLayerNoGroup', { what, layer }));
      const names = nameList(entity as H5.Group, 'weight_names', what) ?? [];
      layers.set(
        layer,
        names.map((name) => ({
          ...readTensor(h5, f, `${group.path === '/' ? '' : `${group.path}/`}${layer}/${name}`, `"${layer}/${name}"`, what),
          name,
        })),
      );
    }
    return { layout: 'keras2', layers, kerasVersion: attr('keras_version') };
  }
  const root = f.get('layers');
  if (root && 'keys' in root) {
    const layers = new Map<string, FoundWeight[]>();
    const visit = (g: H5.Group, path: string) => {
      const keys = g.keys();
      if (keys.includes('vars')) {
        const vars = g.get('vars') as H5.Group;
        const indices = vars
          .keys()
          .map(Number)
          .sort((a, b) => a - b);
        if (indices.some((n, i) => n !== i))
          throw new ImportError(problem('import:kerasWeightNumbers', { what, path, numbers: vars.keys() }));
        if (indices.length)
          layers.set(
            path,
            indices.map((i) => readTensor(h5, f, `${g.path}/vars/${i}`, `"layers/${path}/vars/${i}"`, what)),
          );
      }
      for (const key of keys) {
        if (key === 'vars') continue;
        const child = g.get(key);
        // A model inside the model keeps its layers' weights under `layers/<model>/layers/<layer>/vars`.
        if (child && 'keys' in child) visit(child as H5.Group, `${path}/${key}`);
      }
    };
    for (const key of (root as H5.Group).keys()) visit((root as H5.Group).get(key) as H5.Group, key);
    return { layout: 'keras3', layers };
  }
  throw new ImportError(problem('import:kerasNoWeights', { what }));
}

/** Reads a Keras weight file (either layout), e.g. a weights-only file of a pretrained base. */
export async function readKerasWeights(file: string): Promise<KerasWeightFile> {
  const what = `"${basename(file)}"`;
  const f = await openH5(file, what);
  try {
    return readOpenWeights(await h5wasm(), f, what);
  } finally {
    f.close();
  }
}

/**
 * The imported weights of a translated model from a weight file. Keras 2 files are matched by
 * layer name; Keras 3 files by the paths Keras 3 gives layers (from their class, in order), or by
 * layer name when the file was written that way.
 */
export function weightsForModel(model: TranslatedModel, file: KerasWeightFile, what: string): ImportedWeight[] {
  const keys = new Map<TranslatedLayer, string>();
  let found = file.layers;
  if (file.layout === 'keras3') {
    const weighted = model.layers.filter((l) => l.weights.length);
    const useClass = weighted.every((l) => file.layers.has(l.keras3.byClass)) || !weighted.every((l) => file.layers.has(l.keras3.byName));
    for (const layer of model.layers) keys.set(layer, useClass ? layer.keras3.byClass : layer.keras3.byName);
  } else {
    // Keras 2 keeps a model inside the model as one layer of the file, all its layers' weights
    // listed under it as `<layer>/<weight>`: they are shared out to its layers by those names.
    const nested = new Set(model.layers.filter((l) => l.within.length).map((l) => l.within[0]));
    found = new Map();
    for (const [key, tensors] of file.layers) {
      if (!nested.has(key)) {
        found.set(key, tensors);
        continue;
      }
      for (const tensor of tensors) {
        const parts = (tensor.name ?? '').split('/');
        if (parts.length < 2) throw new ImportError(problem('import:kerasInnerWeightName', { what, label: tensor.label, model: key }), key);
        const layerKey = `${key}/${parts[parts.length - 2]}`;
        found.set(layerKey, [...(found.get(layerKey) ?? []), tensor]);
      }
    }
    for (const layer of model.layers) keys.set(layer, layer.within.length ? `${layer.within[0]}/${layer.kerasName}` : layer.kerasName);
  }

  const used = new Set<string>();
  const weights: ImportedWeight[] = [];
  for (const layer of model.layers) {
    const key = keys.get(layer)!;
    if (found.has(key)) used.add(key);
    weights.push(...matchLayerWeights(layer, found.get(key) ?? [], what));
  }
  const stray = [...found.entries()].filter(([key, tensors]) => !used.has(key) && tensors.length > 0).map(([key]) => key);
  if (stray.length) throw new ImportError(problem('import:kerasStrayWeights', { what, names: stray }));
  return weights;
}

/** The model's config as JSON; `where` says where the file keeps it (an HDF5 attribute, or config.json in a .keras file). */
function parseConfig(text: string | undefined, what: string, where: 'attribute' | 'file'): unknown {
  if (text === undefined) throw new ImportError(problem('import:kerasNoConfig', { what, context: where }));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportError(problem('import:kerasConfigJson', { what, message: (error as Error).message, context: where }));
  }
}

/** Reads a Keras HDF5 model (`model.save("m.h5")`): the `model_config` attribute and the weights. */
export async function loadKerasH5(file: string): Promise<ImportedModel> {
  const what = `"${basename(file)}"`;
  const f = await openH5(file, what);
  try {
    let configText: string | undefined;
    try {
      configText = textOf(f.attrs.model_config?.value ?? undefined);
    } catch (error) {
      throw damaged(what, 'model_config', error);
    }
    const model = translateKerasModel(parseConfig(configText, what, 'attribute'), what, basename(file));
    const weights = weightsForModel(model, readOpenWeights(await h5wasm(), f, what), what);
    return { name: model.name, graph: model.graph, weights, format: 'keras-h5', notes: [] };
  } finally {
    f.close();
  }
}

/** Reads a Keras 3 `.keras` file: a zip of `config.json` and `model.weights.h5`. */
export async function loadKerasZip(file: string): Promise<ImportedModel> {
  const what = `"${basename(file)}"`;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(await readFile(file), { filter: (entry) => entry.name === 'config.json' || entry.name === 'model.weights.h5' });
  } catch (error) {
    throw new ImportError(problem('import:kerasNotZip', { what, message: (error as Error).message }));
  }
  for (const name of ['config.json', 'model.weights.h5'])
    if (!entries[name]) throw new ImportError(problem('import:kerasZipEntry', { what, name }));
  const model = translateKerasModel(parseConfig(new TextDecoder().decode(entries['config.json']), what, 'file'), what, basename(file));
  const temporary = join(tmpdir(), `neuroblocks-${randomUUID()}.weights.h5`);
  await writeFile(temporary, entries['model.weights.h5']);
  try {
    const f = await openH5(temporary, `${what} (model.weights.h5)`);
    try {
      const weights = weightsForModel(model, readOpenWeights(await h5wasm(), f, `${what} (model.weights.h5)`), what);
      return { name: model.name, graph: model.graph, weights, format: 'keras', notes: [] };
    } finally {
      f.close();
    }
  } finally {
    await rm(temporary, { force: true });
  }
}
