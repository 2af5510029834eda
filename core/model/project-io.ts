import { visit } from 'jsonc-parser';
import type { z } from 'zod';
import { problem, type Problem } from '../i18n/catalogue';
import { LocalizedError } from './localized';
import { PROJECT_FORMAT, PROJECT_VERSION, projectSchema, type Project } from './project';

/** A problem at a place of a project's JSON. */
export type ProjectProblem = {
  /** JSON path of the value at fault, e.g. `graph.nodes[2].params`. Empty for the whole file. */
  path: string;
  /** What is wrong there (a code of the `project` namespace and its particulars). */
  problem: Problem;
};

/** What could not be done with a project whose JSON has problems: each is the lead of the problem list. */
export type ProjectLead =
  'project:notOpened' | 'project:notAnalysed' | 'project:notSaved' | 'project:notExported' | 'project:notTrained' | 'project:notPreviewed';

/** The problems of a project as one problem, after a lead such as "This project cannot be opened". */
export function projectProblems(problems: readonly ProjectProblem[], lead: ProjectLead = 'project:notOpened'): Problem {
  return problem(lead, { count: problems.length, problems });
}

/** A project that cannot be read, with every problem found and where. */
export class ProjectError extends LocalizedError {
  declare readonly problem: Problem;
  constructor(readonly problems: ProjectProblem[]) {
    super(projectProblems(problems));
    this.name = 'ProjectError';
  }
}

const at = (path: string, what: Problem): ProjectProblem => ({ path, problem: what });

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;

/** Keys that could pollute prototypes are refused wherever they appear, before anything else reads the value. */
function findForbiddenKeys(value: unknown, path: PropertyKey[], out: ProjectProblem[], depth = 0): void {
  if (depth > MAX_DEPTH) {
    out.push(at(formatPath(path), problem('project:tooDeep', { max: MAX_DEPTH })));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findForbiddenKeys(item, [...path, i], out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) out.push(at(formatPath([...path, key]), problem('project:forbiddenKey', { key })));
      else findForbiddenKeys((value as Record<string, unknown>)[key], [...path, key], out, depth + 1);
    }
  }
}

/** The zod types that sentences name; any other is said by its own name. */
const KINDS = new Set(['int', 'number', 'string', 'boolean', 'array', 'object']);

function kindParams(expected: string): { expected: string; expectedName: string } {
  const kind = expected === 'record' ? 'object' : expected;
  return KINDS.has(kind) ? { expected: kind, expectedName: kind } : { expected: 'unknown', expectedName: expected };
}

/** A value as a sentence names it: its kind, and short values themselves. */
function valueParams(value: unknown): { got: string; value: string | number } {
  if (value === null) return { got: 'null', value: 'null' };
  if (Array.isArray(value)) return { got: 'list', value: 'list' };
  if (typeof value === 'number') return { got: 'number', value };
  if (typeof value === 'string') return { got: 'text', value: shortText(value) };
  return typeof value === 'object' ? { got: 'object', value: 'object' } : { got: 'unknown', value: String(value) };
}

function describeZodIssue(issue: z.core.$ZodIssue): Problem {
  switch (issue.code) {
    case 'unrecognized_keys':
      return problem('project:unknownKeys', { keys: issue.keys, count: issue.keys.length });
    case 'invalid_type':
      return issue.input === undefined
        ? problem('project:missing', kindParams(issue.expected))
        : problem('project:wrongType', { ...kindParams(issue.expected), ...valueParams(issue.input) });
    case 'invalid_value':
      return oneOf(issue.values);
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'string') {
        const array = issue.origin === 'array';
        return small
          ? problem(array ? 'project:tooFewItems' : 'project:tooShortText', { count: limit })
          : problem(array ? 'project:tooManyItems' : 'project:tooLongText', { count: limit });
      }
      if (small) return problem(issue.inclusive ? 'project:atLeast' : 'project:greaterThan', { limit });
      return problem(issue.inclusive ? 'project:atMost' : 'project:lessThan', { limit });
    }
    case 'invalid_union':
      // A discriminated union (the data set's `kind`) names the values it accepts.
      if (issue.discriminator && 'options' in issue && issue.options?.length) return oneOf(issue.options);
      return problem('project:noForm', {});
    case 'not_multiple_of':
      return problem('project:multipleOf', { divisor: Number(issue.divisor) });
    case 'invalid_format':
      return problem('project:badFormat', { format: issue.format });
    case 'invalid_key':
      return problem('project:badKey', {});
    case 'invalid_element':
      return problem('project:badElement', {});
    default: {
      // A schema's own check carries its problem in `params.problem` (see ./project).
      const own = issue.code === 'custom' ? (issue.params as { problem?: Problem } | undefined)?.problem : undefined;
      return own ?? problem('project:invalid', { message: issue.message.replace(/\.$/, '') });
    }
  }
}

function oneOf(values: readonly unknown[]): Problem {
  return problem('project:oneOf', { values: values.map((v) => JSON.stringify(v)) });
}

function shortText(value: string): string {
  return value.length > 30 ? value.slice(0, 30) + '…' : value;
}

/** Older project versions are brought up to date here, one step per version. */
export const migrations: Record<number, (project: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2 goes here when version 2 exists: `1: (p) => ({ ...p, version: 2, ... })`.
};

export function migrate(raw: Record<string, unknown>, steps = migrations, current = PROJECT_VERSION): Record<string, unknown> {
  let project = raw;
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1)
    throw new ProjectError([
      at(
        'version',
        typeof raw.version === 'number'
          ? problem('project:badVersion', { context: 'number', got: raw.version })
          : raw.version === undefined
            ? problem('project:badVersion', { context: 'none' })
            : problem('project:badVersion', { context: 'value', got: JSON.stringify(raw.version) }),
      ),
    ]);
  let version: number = raw.version;
  if (version > current) throw new ProjectError([at('version', problem('project:newerVersion', { version, current }))]);
  while (version < current) {
    const step = steps[version];
    if (!step) throw new ProjectError([at('version', problem('project:noMigration', { version }))]);
    project = step(project);
    if (project.version !== version + 1) throw new Error(`Migration from version ${version} did not produce version ${version + 1}.`);
    version = project.version as number;
  }
  return project;
}

/** Validates a project (or a bare `{nodes, edges}` graph) given as parsed JSON. Throws ProjectError. */
export function parseProject(value: unknown): Project {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ProjectError([at('', problem('project:notAnObject', {}))]);
  const forbidden: ProjectProblem[] = [];
  findForbiddenKeys(value, [], forbidden);
  if (forbidden.length) throw new ProjectError(forbidden);

  let raw = value as Record<string, unknown>;
  if (!('format' in raw) && 'nodes' in raw && 'edges' in raw) raw = { format: PROJECT_FORMAT, version: PROJECT_VERSION, graph: raw };
  if (raw.format !== PROJECT_FORMAT)
    throw new ProjectError([
      at(
        'format',
        raw.format === undefined
          ? problem('project:notOurs', { context: 'none', format: PROJECT_FORMAT })
          : problem('project:notOurs', { context: 'value', format: PROJECT_FORMAT, got: JSON.stringify(raw.format) }),
      ),
    ]);
  raw = migrate(raw);

  const result = projectSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throw new ProjectError(result.error.issues.map((i) => at(formatPath(i.path), describeZodIssue(i))));
  }
  // An image folder saved before images could be letter-boxed or cropped was stretched: said so, it stays so.
  const dataset = result.data.dataset;
  if (dataset?.kind === 'imageFolder' && !dataset.fit) return { ...result.data, dataset: { ...dataset, fit: 'stretch' } };
  return result.data;
}

/** The offset of the first syntax error in JSON text, found in one pass of a JSON scanner. */
function jsonErrorOffset(text: string): number {
  let first: number | undefined;
  const note = (offset: number) => {
    if (first === undefined || offset < first) first = offset;
  };
  visit(
    text,
    {
      onError: (_error, offset) => note(offset),
      // The scanner reads "01" as one number; JSON does not allow the leading zero.
      onLiteralValue: (value, offset, length) => {
        if (typeof value === 'number' && /^-?0\d/.test(text.slice(offset, offset + length))) note(offset);
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return first ?? text.length;
}

/** A UTF-8 byte-order mark, which some editors on Windows put at the start of a file. */
const BYTE_ORDER_MARK = '\uFEFF';

/** Parses project JSON text; a syntax error is reported with its line and column. */
export function parseProjectText(text: string): Project {
  if (text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text);
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    const column = offset - lineStart + 1;
    throw new ProjectError([
      at(
        '',
        offset < text.length
          ? problem('project:badJson', { context: 'at', character: JSON.stringify(text[offset]).slice(1, -1), line, column })
          : problem('project:badJson', { context: 'end', line, column }),
      ),
    ]);
  }
  return parseProject(value);
}

/** Canonical JSON text of a project, for saving and diffing. */
export function serializeProject(project: Project): string {
  return JSON.stringify(project, null, 2) + '\n';
}
