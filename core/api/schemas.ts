// The arguments of every API method, as zod schemas, next to the contract (./contract). The RPC
// server (./rpc) checks each call against them before the service sees it, so a wrong argument is
// answered with a `bad-request` error that names the method, the argument and what was expected,
// in English and French, and never reaches the service as an `internal` failure. The compiler
// refuses a method of the contract without its schemas, as it does for `apiMethods`.
//
// Projects and graphs are checked here as objects; their contents are checked by the project
// schema in the services, whose problem list names each block and field.
//
// Browser-safe: zod and plain data only.
import { z } from 'zod';
import { catalogue } from '../i18n/catalogue';
import { pretrainedBaseIds } from '../model/bases/entries';
import { datasetSchema } from '../model/project';
import { apiEvents, apiMethods, exportFormatNames, type ApiMethodName, type ApiMethods } from './contract';
import type { SerializedError, ServiceShape } from './rpc';

/** What a value must be, in both languages, as the refusal says it. */
interface Expected {
  en: string;
  fr: string;
}

const expected = (schema: z.ZodType, text: Expected) => schema.meta({ expected: text });

/** Segments `..` and `.` resolved, separators unified: how the host will read a path, without Node. */
function normalizedPath(text: string): string {
  const slashed = text.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/');
  const parts: string[] = [];
  for (const part of slashed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/** Folders of the operating system that hold no files of a user: processes, devices, kernel state. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** Why a path can never name a user's file or folder, or undefined when it may. */
export function pathRefusal(text: string): Expected | undefined {
  if (text.includes('\0'))
    return {
      en: 'contains a NUL character, which no file name can hold',
      fr: 'contient un caractère NUL, qu’aucun nom de fichier ne peut contenir',
    };
  const normal = normalizedPath(text);
  const system = SYSTEM_FOLDERS.find((folder) => normal === folder || normal.startsWith(`${folder}/`));
  if (system)
    return {
      en: `is inside ${system}, a folder of the operating system, not one for your files`,
      fr: `est dans ${system}, un dossier du système d’exploitation et non un dossier pour vos fichiers`,
    };
  return undefined;
}

const MAX_PATH = 4096;

/** A file or folder path given by the UI. */
const pathText = expected(
  z
    .string()
    .min(1)
    .max(MAX_PATH)
    .superRefine((value, ctx) => {
      const why = pathRefusal(value);
      if (why) ctx.addIssue({ code: 'custom', message: why.en, params: { fr: why.fr } });
    }),
  { en: 'a file or folder path', fr: 'un chemin de fichier ou de dossier' },
);
const text = (max: number) => expected(z.string().max(max), { en: 'a text', fr: 'un texte' });
/** The codes of core's catalogue (`train:pageNoWebGpu`), a plural or context form's key counted under its base. */
const problemCodes = new Set(
  Object.entries(catalogue.en).flatMap(([ns, keys]) => Object.keys(keys).map((key) => `${ns}:${key.replace(/_[A-Za-z]+$/, '')}`)),
);
/** A problem as the page reports it: a code of the catalogue and its particulars (plain data, kept small). */
const problemSchema = z
  .object({ code: z.string().refine((code) => problemCodes.has(code)), params: z.record(z.string(), z.unknown()) })
  .refine((p) => JSON.stringify(p.params).length <= 4000);
const nonEmptyText = (max: number) => expected(z.string().min(1).max(max), { en: 'a text', fr: 'un texte' });
const runId = expected(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), {
  en: 'a run number (a whole number from 1)',
  fr: 'un numéro d’entraînement (un nombre entier à partir de 1)',
});
const count = (max: number) =>
  expected(z.number().int().min(0).max(max), { en: `a whole number from 0 to ${max}`, fr: `un nombre entier de 0 à ${max}` });
const finite = expected(z.number().finite(), { en: 'a finite number', fr: 'un nombre fini' });
/** Checked field by field by the services' project schema. */
const project = expected(z.record(z.string(), z.unknown()), { en: 'a project (an object)', fr: 'un projet (un objet)' });
const pretrainedBaseId = expected(z.enum(pretrainedBaseIds), {
  en: `one of the catalogue's bases: ${pretrainedBaseIds.join(', ')}`,
  fr: `une des bases du catalogue : ${pretrainedBaseIds.join(', ')}`,
});
const graph = expected(z.record(z.string(), z.unknown()), {
  en: 'a graph (an object with nodes and edges)',
  fr: 'un graphe (un objet avec des nœuds et des liens)',
});
const dataset = datasetSchema.superRefine((ref, ctx) => {
  if (ref.kind === 'builtin') return;
  const why = pathRefusal(ref.path);
  if (why) ctx.addIssue({ code: 'custom', path: ['path'], message: why.en, params: { fr: why.fr } });
});
const locationOption = z.object({ location: pathText.optional() });
/** An Input block's shape `[height, width, channels]`, which image thumbnails are fitted to. */
const imageShape = expected(z.array(z.number().int().min(1).max(100_000)).min(1).max(8), {
  en: 'a shape (a list of whole numbers from 1)',
  fr: 'une forme (une liste de nombres entiers à partir de 1)',
});
const checkpoint = z.enum(['best', 'last']);

/** One argument of a method: its name (as in the contract) and its schema; `optional` ones may be left out. */
export interface ArgumentSpec {
  name: string;
  schema: z.ZodType;
  optional?: boolean;
}

const arg = (name: string, schema: z.ZodType): ArgumentSpec => ({ name, schema });
const optional = (name: string, schema: z.ZodType): ArgumentSpec => ({ name, schema, optional: true });

/** The arguments of every method, in order. */
export const apiArgumentSchemas = {
  getAppInfo: [],
  getBackendInfo: [],
  getTrainingEngines: [optional('options', z.object({ python: pathText.optional() }))],
  setPythonPath: [
    arg(
      'python',
      expected(
        z
          .string()
          .max(MAX_PATH)
          .refine((value) => value === '' || pathRefusal(value) === undefined),
        { en: 'a path to a Python program, or an empty text', fr: 'un chemin vers un programme Python, ou un texte vide' },
      ),
    ),
  ],
  listExamples: [],
  openExample: [arg('id', nonEmptyText(200))],
  newProject: [optional('options', z.object({ name: text(200).optional(), fromExample: nonEmptyText(200).optional() }))],
  openProject: [arg('location', pathText)],
  importProject: [arg('text', text(256 * 1024 * 1024))],
  startProjectUpload: [arg('request', z.object({ fileName: nonEmptyText(255) }))],
  uploadProjectPart: [arg('uploadId', nonEmptyText(100)), arg('base64', text(16 * 1024 * 1024))],
  finishProjectUpload: [arg('uploadId', nonEmptyText(100))],
  importNetwork: [
    arg('source', z.union([z.object({ file: pathText }), z.object({ uploadId: nonEmptyText(100) })])),
    optional(
      'into',
      expected(
        z.object({
          location: pathText,
          project,
          upTo: expected(nonEmptyText(200).optional(), {
            en: 'the id of the block the base ends with (a text)',
            fr: 'l’identifiant du bloc où la base s’arrête (un texte)',
          }),
        }),
        { en: 'the open project file: { location, project, upTo }', fr: 'le fichier du projet ouvert : { location, project, upTo }' },
      ),
    ),
  ],
  readNetwork: [arg('source', z.union([z.object({ file: pathText }), z.object({ uploadId: nonEmptyText(100) })]))],
  discardNetworkUpload: [arg('uploadId', nonEmptyText(100))],
  startNetworkUpload: [arg('request', z.object({ fileName: nonEmptyText(255) }))],
  uploadNetworkPart: [arg('uploadId', nonEmptyText(100)), arg('base64', text(16 * 1024 * 1024))],
  showNetworkDialog: [],
  saveProject: [arg('location', pathText), arg('project', project)],
  saveProjectAs: [
    arg('fileName', nonEmptyText(255)),
    arg('project', project),
    optional('options', z.object({ overwrite: z.boolean().optional() })),
  ],
  listProjectFiles: [],
  setProjectsDirectory: [arg('path', pathText)],
  listRecentProjects: [],
  forgetRecentProject: [arg('location', nonEmptyText(MAX_PATH))],
  autosaveProject: [arg('location', pathText), arg('project', project)],
  showOpenDialog: [optional('options', z.strictObject({ weights: z.boolean().optional() }))],
  showSaveDialog: [arg('suggestedName', text(255))],
  showFolderDialog: [],
  analyzeGraph: [arg('graph', graph), optional('options', z.object({ loss: text(100).optional() }))],
  listDatasets: [],
  previewDataset: [arg('ref', dataset), optional('options', locationOption.extend({ inputShape: imageShape.optional() }))],
  showDatasetDialog: [arg('kind', z.enum(['imageFolder', 'csv', 'idx', 'cifar'])), optional('options', locationOption)],
  startDatasetUpload: [arg('request', z.object({ name: text(1000), kind: z.enum(['imageFolder', 'csv', 'idx', 'cifar']) }))],
  uploadDatasetFiles: [
    arg('uploadId', nonEmptyText(100)),
    arg(
      'files',
      z
        .array(
          z.object({
            path: nonEmptyText(1000),
            base64: z.string(),
            append: z.boolean().optional(),
            size: count(Number.MAX_SAFE_INTEGER).optional(),
          }),
        )
        .max(100_000),
    ),
  ],
  finishDatasetUpload: [arg('uploadId', nonEmptyText(100)), optional('options', locationOption)],
  listRuns: [arg('location', pathText)],
  listRunDetails: [arg('location', pathText)],
  getRunSnapshot: [arg('location', pathText), arg('runId', runId)],
  compareRuns: [arg('location', pathText), arg('runIds', z.array(runId).length(2))],
  deleteRun: [arg('location', pathText), arg('runId', runId)],
  useRunAsBase: [
    arg(
      'request',
      z.strictObject({
        location: pathText,
        runId,
        upTo: nonEmptyText(200).optional(),
        target: expected(
          z.discriminatedUnion('kind', [
            z.strictObject({ kind: z.literal('file'), location: pathText }),
            z.strictObject({ kind: z.literal('new'), name: text(200).optional() }),
          ]),
          {
            en: 'a target: { kind: "file", location } or { kind: "new", name }',
            fr: 'une cible : { kind: "file", location } ou { kind: "new", name }',
          },
        ),
      }),
    ),
  ],
  exportModel: [
    arg(
      'request',
      z.object({
        project,
        format: z.enum(exportFormatNames),
        outDir: pathText.optional(),
        runId: runId.optional(),
        location: pathText.optional(),
        checkpoint: checkpoint.optional(),
        overwrite: z.boolean().optional(),
      }),
    ),
  ],
  startTraining: [
    arg('project', project),
    optional(
      'options',
      z.object({
        epochs: count(1_000_000).optional(),
        seed: expected(z.number().int(), { en: 'a whole number', fr: 'un nombre entier' }).optional(),
        size: count(10_000_000).optional(),
        location: pathText.optional(),
        engine: z.enum(['tfjs', 'pytorch', 'page']).optional(),
        device: expected(z.string().regex(/^(auto|cpu|mps|cuda(:\d{1,3})?)$/), {
          en: 'auto, cpu, mps, cuda or cuda:N',
          fr: 'auto, cpu, mps, cuda ou cuda:N',
        }).optional(),
        nproc: expected(z.number().int().min(1).max(1024), {
          en: 'a whole number of processes from 1 to 1024',
          fr: 'un nombre entier de processus de 1 à 1024',
        }).optional(),
      }),
    ),
  ],
  continueRun: [arg('location', pathText), arg('runId', runId)],
  pauseTraining: [],
  resumeTraining: [],
  stopTraining: [],
  pageTrainingJob: [],
  pageTrainingData: [arg('sessionId', nonEmptyText(100)), arg('part', count(1_000_000))],
  reportPageTraining: [
    arg(
      'report',
      z.object({
        sessionId: nonEmptyText(100),
        event: z.record(z.string(), z.unknown()).optional(),
        unavailable: z
          .array(z.object({ backend: z.enum(['webgpu', 'webgl']), reason: problemSchema }))
          .max(2)
          .optional(),
      }),
    ),
  ],
  getTestSamples: [arg('request', z.object({ actual: count(100_000), predicted: count(100_000), limit: count(100_000).optional() }))],
  predict: [arg('values', z.array(finite).max(50_000_000))],
  getTableInput: [],
  predictRow: [
    arg(
      'cells',
      expected(
        z.record(z.string().max(10_000), z.string().max(1000)).refine((cells) => Object.keys(cells).length <= 10_000),
        { en: 'a row: each column’s name with its value as text', fr: 'une ligne : le nom de chaque colonne avec sa valeur en texte' },
      ),
    ),
  ],
  previewAugmentation: [
    arg(
      'request',
      z.object({
        project,
        location: pathText.optional(),
        sampleIndex: count(Number.MAX_SAFE_INTEGER).optional(),
        count: count(1000).optional(),
        seed: expected(z.number().int(), { en: 'a whole number', fr: 'un nombre entier' }).optional(),
      }),
    ),
  ],
  inspectModel: [
    arg('request', z.object({ values: z.array(finite).max(50_000_000), nodeIds: z.array(nonEmptyText(200)).max(10_000).optional() })),
  ],
  getFilters: [optional('request', z.object({ nodeId: nonEmptyText(200).optional() }))],
  loadRunModel: [arg('request', z.object({ location: pathText, runId, checkpoint: checkpoint.optional() }))],
  getModelInUse: [],
  getConfidentMistakes: [optional('request', z.object({ limit: count(100_000).optional() }))],
  listPretrainedBases: [],
  downloadPretrainedBase: [arg('baseId', pretrainedBaseId)],
  addPretrainedBase: [arg('request', z.object({ location: pathText, project, baseId: pretrainedBaseId }))],
} as const satisfies Record<ApiMethodName, readonly ArgumentSpec[]>;

// Compile-time proof that every method has its schemas, no schemas name a method that does not
// exist, and each method has as many schemas as the contract gives it arguments.
type ExactKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : { missing: Exclude<A, B>; unknown: Exclude<B, A> };
const _everyMethodHasSchemas: ExactKeys<ApiMethodName, keyof typeof apiArgumentSchemas> = true;
type Schemas = typeof apiArgumentSchemas;
type ArgumentCount<M extends ApiMethodName> = Required<Parameters<ApiMethods[M]>>['length'];
type WrongCount = {
  [M in ApiMethodName]: [Schemas[M]['length']] extends [ArgumentCount<M>]
    ? [ArgumentCount<M>] extends [Schemas[M]['length']]
      ? never
      : M
    : M;
}[ApiMethodName];
const _everyArgumentHasASchema: [WrongCount] extends [never] ? true : { wrongArgumentCount: WrongCount } = true;
void _everyMethodHasSchemas;
void _everyArgumentHasASchema;

const ordinal = (n: number) => ({
  en: ['first', 'second', 'third', 'fourth', 'fifth'][n] ?? `#${n + 1}`,
  fr: ['premier', 'deuxième', 'troisième', 'quatrième', 'cinquième'][n] ?? `n° ${n + 1}`,
});

/** A value as the refusal shows it: its kind, and short values themselves. */
function shown(value: unknown): Expected {
  if (value === null) return { en: 'null', fr: 'null' };
  if (value === undefined) return { en: 'missing', fr: 'absent' };
  if (Array.isArray(value)) return { en: `a list of ${value.length}`, fr: `une liste de ${value.length}` };
  if (typeof value === 'string')
    return value.length <= 40 && !value.includes('\0')
      ? { en: `the text ${JSON.stringify(value)}`, fr: `le texte ${JSON.stringify(value)}` }
      : { en: `a text of ${value.length} characters`, fr: `un texte de ${value.length} caractères` };
  if (typeof value === 'number') return { en: `the number ${value}`, fr: `le nombre ${value}` };
  if (typeof value === 'boolean') return { en: String(value), fr: value ? 'vrai' : 'faux' };
  if (typeof value === 'object') return { en: 'an object', fr: 'un objet' };
  return { en: typeof value, fr: typeof value };
}

const TYPE_NAMES: Record<string, Expected> = {
  string: { en: 'a text', fr: 'un texte' },
  number: { en: 'a number', fr: 'un nombre' },
  int: { en: 'a whole number', fr: 'un nombre entier' },
  boolean: { en: 'true or false', fr: 'true ou false' },
  object: { en: 'an object', fr: 'un objet' },
  record: { en: 'an object', fr: 'un objet' },
  array: { en: 'a list', fr: 'une liste' },
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    let inner: z.ZodType = current;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable)
      inner = inner.unwrap() as z.ZodType;
    if (inner instanceof z.ZodObject) current = (inner.shape as Record<string, z.ZodType>)[String(key)];
    else if (inner instanceof z.ZodArray) current = inner.element as z.ZodType;
    else return undefined;
  }
  return current;
}

/** What the schema at the issue's place expects, in words. */
function expectation(issue: z.core.$ZodIssue, schema: z.ZodType | undefined): Expected {
  const meta = schema?.meta() as { expected?: Expected } | undefined;
  switch (issue.code) {
    case 'custom': {
      const fr = (issue.params as { fr?: string } | undefined)?.fr;
      return { en: `must not be used: it ${issue.message}`, fr: `ne peut pas servir : il ${fr ?? issue.message}` };
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      return { en: `must be one of ${values.join(', ')}`, fr: `doit valoir ${values.join(', ')}` };
    }
    case 'invalid_union':
    case 'invalid_type': {
      const name = meta?.expected ??
        TYPE_NAMES[issue.code === 'invalid_type' ? issue.expected : ''] ?? { en: 'of another kind', fr: 'd’une autre sorte' };
      return { en: `must be ${name.en}`, fr: `doit être ${name.fr}` };
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = String(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string')
        return small
          ? { en: `must have at least ${bound} character(s)`, fr: `doit avoir au moins ${bound} caractère(s)` }
          : { en: `must have at most ${bound} characters`, fr: `doit avoir au plus ${bound} caractères` };
      if (issue.origin === 'array')
        return issue.exact
          ? { en: `must hold exactly ${bound} items`, fr: `doit contenir exactement ${bound} éléments` }
          : small
            ? { en: `must hold at least ${bound} item(s)`, fr: `doit contenir au moins ${bound} élément(s)` }
            : { en: `must hold at most ${bound} items`, fr: `doit contenir au plus ${bound} éléments` };
      return small
        ? {
            en: `must be ${inclusive ? 'at least' : 'more than'} ${bound}`,
            fr: `doit être ${inclusive ? 'au moins' : 'plus que'} ${bound}`,
          }
        : {
            en: `must be ${inclusive ? 'at most' : 'less than'} ${bound}`,
            fr: `doit être ${inclusive ? 'au plus' : 'moins que'} ${bound}`,
          };
    }
    case 'not_multiple_of':
      return { en: `must be a multiple of ${String(issue.divisor)}`, fr: `doit être un multiple de ${String(issue.divisor)}` };
    case 'unrecognized_keys':
      return { en: `must not have the field(s) ${issue.keys.join(', ')}`, fr: `ne doit pas avoir le(s) champ(s) ${issue.keys.join(', ')}` };
    case 'invalid_format':
      return { en: `must be ${issue.format}`, fr: `doit être au format ${issue.format}` };
    default:
      return { en: `is not valid (${issue.message})`, fr: `n’est pas valide (${issue.message})` };
  }
}

/** Keys that would change an object's prototype if some code merged the value. */
const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first own key named `__proto__`, `constructor` or `prototype`, if any. */
function pollutingKey(value: unknown, path: PropertyKey[] = [], depth = 0): PropertyKey[] | undefined {
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    // Long lists of numbers (pixels) hold no keys.
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') {
        const found = pollutingKey(item, [...path, i], depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (POLLUTING_KEYS.has(key)) return [...path, key];
    const found = pollutingKey((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

const formatPath = (path: readonly PropertyKey[]) => path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');

export interface ArgumentProblem {
  method: string;
  /** 0-based position of the argument. */
  argument: number;
  name: string;
  /** Inside the argument, e.g. `.options.overwrite` or `[2].path`; empty for the argument itself. */
  path: string;
}

function refusal(problem: ArgumentProblem, what: Expected, received: Expected | undefined): SerializedError {
  const place = ordinal(problem.argument);
  const where = `${problem.name}${problem.path}`;
  const got = received ? { en: `; it was ${received.en}`, fr: ` ; c’était ${received.fr}` } : { en: '', fr: '' };
  return {
    message: `The call of ${problem.method} was refused: its ${place.en} argument, ${where}, ${what.en}${got.en}.`,
    fr: `L’appel de ${problem.method} a été refusé : son ${place.fr} argument, ${where}, ${what.fr}${got.fr}.`,
    code: 'bad-request',
    details: { ...problem, expected: what.en },
  };
}

/**
 * Checks the arguments of a call of `method` against its schemas: undefined when they fit, else the
 * `bad-request` error to answer, naming the method, the argument and what was expected.
 */
export function checkApiArguments(method: string, args: readonly unknown[]): SerializedError | undefined {
  const specs = (apiArgumentSchemas as Record<string, readonly ArgumentSpec[]>)[method];
  if (!specs) return undefined;
  if (args.length > specs.length) {
    const names = specs.map((s) => s.name).join(', ');
    const takes =
      specs.length === 0
        ? { en: 'it takes no arguments', fr: 'il ne prend aucun argument' }
        : { en: `it takes at most ${specs.length} argument(s) (${names})`, fr: `il prend au plus ${specs.length} argument(s) (${names})` };
    return {
      message: `The call of ${method} was refused: ${takes.en}, not ${args.length}.`,
      fr: `L’appel de ${method} a été refusé : ${takes.fr}, et non ${args.length}.`,
      code: 'bad-request',
      details: { method, argument: specs.length, name: '', path: '', expected: `at most ${specs.length} arguments` },
    };
  }
  for (let index = 0; index < specs.length; index++) {
    const spec = specs[index];
    const value = args[index];
    if (value === undefined) {
      if (spec.optional) continue;
      return refusal({ method, argument: index, name: spec.name, path: '' }, { en: 'is missing', fr: 'manque' }, undefined);
    }
    const polluting = pollutingKey(value);
    if (polluting) {
      return refusal(
        { method, argument: index, name: spec.name, path: formatPath(polluting) },
        {
          en: `must not be used: a field named "${String(polluting.at(-1))}" is never part of a request`,
          fr: `ne peut pas servir : un champ nommé « ${String(polluting.at(-1))} » ne fait jamais partie d’une requête`,
        },
        undefined,
      );
    }
    const result = spec.schema.safeParse(value);
    if (result.success) continue;
    const issue = result.error.issues[0];
    const inner = schemaAt(spec.schema, issue.path);
    const what = expectation(issue, inner);
    const wrongValue = valueAt(value, issue.path);
    const received =
      issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union' ? shown(wrongValue) : undefined;
    const optionalNote =
      spec.optional && issue.path.length === 0 && issue.code === 'invalid_type'
        ? { en: `${what.en} or be left out`, fr: `${what.fr} ou être omis` }
        : what;
    return refusal({ method, argument: index, name: spec.name, path: formatPath(issue.path) }, optionalNote, received);
  }
  return undefined;
}

/** The Neuroblocks API as a server serves it: its methods and events, each call's arguments checked. */
export const apiServiceShape: ServiceShape = { methods: apiMethods, events: apiEvents, checkArguments: checkApiArguments };
