// The arguments of every API method, as zod schemas, next to the contract (./contract). The RPC
// server (./rpc) checks each call against them before the service sees it, so a wrong argument is
// answered with a `bad-request` error that names the method, the argument and what was expected
// (a problem of the `api` namespace of the message catalogue), and never reaches the service as an `internal` failure. The compiler
// refuses a method of the contract without its schemas, as it does for `apiMethods`.
//
// Projects and graphs are checked here as objects; their contents are checked by the project
// schema in the services, whose problem list names each block and field.
//
// Browser-safe: zod and plain data only.
import { z } from 'zod';
import { problem, sentencesByCode, type Problem } from '../i18n/catalogue';
import { problemText } from '../i18n/translate';
import { pretrainedBaseIds } from '../model/bases/entries';
import { datasetSchema } from '../model/project';
import { apiEvents, apiMethods, exportFormatNames, type ApiMethodName, type ApiMethods } from './contract';
import type { SerializedError, ServiceShape } from './rpc';

/** What a value must be, as the refusal says it: a problem of the `api` namespace (a noun phrase such as "a text"). */
const expected = (schema: z.ZodType, what: Problem) => schema.meta({ expected: what });

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
export function pathRefusal(text: string): Problem | undefined {
  if (text.includes('\0')) return problem('api:pathNul', {});
  const normal = normalizedPath(text);
  const system = SYSTEM_FOLDERS.find((folder) => normal === folder || normal.startsWith(`${folder}/`));
  if (system) return problem('api:pathSystem', { folder: system });
  return undefined;
}

/** A path refusal as a zod issue: its English message, and its problem for the refusal to say. */
const pathIssue = (why: Problem) => ({ code: 'custom' as const, message: problemText(why), params: { problem: why } });

const MAX_PATH = 4096;

/** A file or folder path given by the UI. */
const pathText = expected(
  z
    .string()
    .min(1)
    .max(MAX_PATH)
    .superRefine((value, ctx) => {
      const why = pathRefusal(value);
      if (why) ctx.addIssue(pathIssue(why));
    }),
  problem('api:aPath', {}),
);
const text = (max: number) => expected(z.string().max(max), problem('api:aText', {}));
const nonEmptyText = (max: number) => expected(z.string().min(1).max(max), problem('api:aText', {}));
const runId = expected(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), problem('api:aRunNumber', {}));
const count = (max: number) => expected(z.number().int().min(0).max(max), problem('api:aCount', { max }));
const finite = expected(z.number().finite(), problem('api:aFiniteNumber', {}));
/** A problem as the page reports it: a code of the catalogue and its particulars (plain data, kept small). */
const problemSchema = z
  .object({ code: z.string().refine((code) => sentencesByCode.has(code)), params: z.record(z.string(), z.unknown()) })
  .refine((p) => JSON.stringify(p.params).length <= 4000);
/** Checked field by field by the services' project schema. */
const project = expected(z.record(z.string(), z.unknown()), problem('api:aProject', {}));
const pretrainedBaseId = expected(z.enum(pretrainedBaseIds), problem('api:aBase', { bases: pretrainedBaseIds }));
const graph = expected(z.record(z.string(), z.unknown()), problem('api:aGraph', {}));
const dataset = datasetSchema.superRefine((ref, ctx) => {
  if (ref.kind === 'builtin') return;
  const why = pathRefusal(ref.path);
  if (why) ctx.addIssue({ ...pathIssue(why), path: ['path'] });
});
const locationOption = z.object({ location: pathText.optional() });
/** An Input block's shape `[height, width, channels]`, which image thumbnails are fitted to. */
const imageShape = expected(z.array(z.number().int().min(1).max(100_000)).min(1).max(8), problem('api:anImageShape', {}));
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
        problem('api:aPythonPath', {}),
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
          upTo: expected(nonEmptyText(200).optional(), problem('api:aCutBlock', {})),
        }),
        problem('api:anOpenProject', {}),
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
          problem('api:aTarget', {}),
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
        seed: expected(z.number().int(), problem('api:aWholeNumber', {})).optional(),
        size: count(10_000_000).optional(),
        location: pathText.optional(),
        engine: z.enum(['tfjs', 'pytorch', 'page']).optional(),
        device: expected(z.string().regex(/^(auto|cpu|mps|cuda(:\d{1,3})?)$/), problem('api:aDevice', {})).optional(),
        nproc: expected(z.number().int().min(1).max(1024), problem('api:aProcessCount', {})).optional(),
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
        problem('api:aRow', {}),
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
        seed: expected(z.number().int(), problem('api:aWholeNumber', {})).optional(),
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

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/** A value as the refusal shows it: its kind, and short values themselves. */
function shown(value: unknown): Problem {
  if (value === null) return problem('api:shown', { context: 'null' });
  if (value === undefined) return problem('api:shown', { context: 'missing' });
  if (Array.isArray(value)) return problem('api:shown', { context: 'list', length: value.length });
  if (typeof value === 'string')
    return value.length <= 40 && !value.includes('\0')
      ? problem('api:shown', { context: 'text', text: JSON.stringify(value) })
      : problem('api:shown', { context: 'longText', length: value.length });
  if (typeof value === 'number') return problem('api:shown', { context: 'number', value: String(value) });
  if (typeof value === 'boolean') return problem('api:shown', { context: value ? 'true' : 'false' });
  if (typeof value === 'object') return problem('api:shown', { context: 'object' });
  return problem('api:shown', { context: 'unknown', type: typeof value });
}

const TYPE_NAMES: Record<string, Problem> = {
  string: problem('api:aText', {}),
  number: problem('api:aNumber', {}),
  int: problem('api:aWholeNumber', {}),
  boolean: problem('api:trueOrFalse', {}),
  object: problem('api:anObject', {}),
  record: problem('api:anObject', {}),
  array: problem('api:aList', {}),
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

/** What the schema at the issue's place expects, as a problem of the `api` namespace. */
function expectation(issue: z.core.$ZodIssue, schema: z.ZodType | undefined): Problem {
  const meta = schema?.meta() as { expected?: Problem } | undefined;
  switch (issue.code) {
    case 'custom': {
      const why = (issue.params as { problem?: Problem } | undefined)?.problem;
      return why ? problem('api:mustNotBeUsed', { reason: why }) : problem('api:mustNotBeUsedText', { message: issue.message });
    }
    case 'invalid_value':
      return problem('api:oneOf', { values: issue.values.map((v) => JSON.stringify(v)) });
    case 'invalid_union':
    case 'invalid_type': {
      const name = meta?.expected ?? TYPE_NAMES[issue.code === 'invalid_type' ? issue.expected : ''] ?? problem('api:anotherKind', {});
      return problem('api:mustBe', { expected: name });
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string') return problem(small ? 'api:minCharacters' : 'api:maxCharacters', { count: bound });
      if (issue.origin === 'array')
        return problem(issue.exact ? 'api:exactItems' : small ? 'api:minItems' : 'api:maxItems', { count: bound });
      const limit = String(small ? issue.minimum : issue.maximum);
      return small
        ? problem(inclusive ? 'api:atLeast' : 'api:moreThan', { limit })
        : problem(inclusive ? 'api:atMost' : 'api:lessThan', { limit });
    }
    case 'not_multiple_of':
      return problem('api:multipleOf', { divisor: String(issue.divisor) });
    case 'unrecognized_keys':
      return problem('api:unknownFields', { fields: issue.keys, count: issue.keys.length });
    case 'invalid_format':
      return problem('api:format', { format: issue.format });
    default:
      return problem('api:notValid', { message: issue.message });
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

/** The answer to a call refused with `what`, a problem of the `api` namespace; its message is the English sentence. */
function refusedCall(what: Problem, details: ArgumentProblem & { expected: string }): SerializedError {
  return { message: problemText(what), code: 'bad-request', details, problem: what };
}

function refusal(place: ArgumentProblem, what: Problem, received: Problem | undefined): SerializedError {
  const params = {
    method: place.method,
    ordinal: ORDINALS[place.argument] ?? 'later',
    number: place.argument + 1,
    where: `${place.name}${place.path}`,
    what,
  };
  return refusedCall(received ? problem('api:refusedGot', { ...params, got: received }) : problem('api:refused', params), {
    ...place,
    expected: problemText(what),
  });
}

/**
 * Checks the arguments of a call of `method` against its schemas: undefined when they fit, else the
 * `bad-request` error to answer, naming the method, the argument and what was expected.
 */
export function checkApiArguments(method: string, args: readonly unknown[]): SerializedError | undefined {
  const specs = (apiArgumentSchemas as Record<string, readonly ArgumentSpec[]>)[method];
  if (!specs) return undefined;
  if (args.length > specs.length) {
    const names = specs.map((s) => s.name);
    return refusedCall(
      specs.length === 0
        ? problem('api:noArguments', { method, given: args.length })
        : problem('api:tooManyArguments', { method, count: specs.length, names, given: args.length }),
      { method, argument: specs.length, name: '', path: '', expected: `at most ${specs.length} arguments` },
    );
  }
  for (let index = 0; index < specs.length; index++) {
    const spec = specs[index];
    const value = args[index];
    if (value === undefined) {
      if (spec.optional) continue;
      return refusal({ method, argument: index, name: spec.name, path: '' }, problem('api:isMissing', {}), undefined);
    }
    const polluting = pollutingKey(value);
    if (polluting) {
      return refusal(
        { method, argument: index, name: spec.name, path: formatPath(polluting) },
        problem('api:pollutingField', { key: String(polluting.at(-1)) }),
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
      spec.optional && issue.path.length === 0 && issue.code === 'invalid_type' && what.code === 'api:mustBe'
        ? problem('api:mustBeOrOmitted', { expected: what.params.expected as Problem })
        : what;
    return refusal({ method, argument: index, name: spec.name, path: formatPath(issue.path) }, optionalNote, received);
  }
  return undefined;
}

/** The Neuroblocks API as a server serves it: its methods and events, each call's arguments checked. */
export const apiServiceShape: ServiceShape = { methods: apiMethods, events: apiEvents, checkArguments: checkApiArguments };
