import type { z } from 'zod';
import { LocalizedError } from './localized';
import { PROJECT_FORMAT, PROJECT_VERSION, projectSchema, type Project } from './project';

export interface ProjectProblem {
  /** JSON path of the value at fault, e.g. `graph.nodes[2].params`. Empty for the whole file. */
  path: string;
  message: string;
}

/** A project that cannot be read, with every problem found and where. */
export class ProjectError extends LocalizedError {
  constructor(readonly problems: ProjectProblem[]) {
    const list = problems.map((p) => `  - ${formatProblem(p)}`).join('\n');
    super(
      problems.length === 1
        ? { en: `This project cannot be opened: ${formatProblem(problems[0])}`, fr: `Ce projet ne peut pas être ouvert : ${formatProblem(problems[0])}` }
        : { en: `This project cannot be opened (${problems.length} problems):\n${list}`, fr: `Ce projet ne peut pas être ouvert (${problems.length} problèmes) :\n${list}` },
    );
    this.name = 'ProjectError';
  }
}

function formatProblem(p: ProjectProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys that could pollute prototypes are refused wherever they appear, before anything else reads the value. */
function findForbiddenKeys(value: unknown, path: PropertyKey[], out: ProjectProblem[], depth = 0): void {
  if (depth > 64) {
    out.push({ path: formatPath(path), message: 'is nested too deeply (more than 64 levels).' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findForbiddenKeys(item, [...path, i], out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) out.push({ path: formatPath([...path, key]), message: `the key "${key}" is not allowed.` });
      else findForbiddenKeys((value as Record<string, unknown>)[key], [...path, key], out, depth + 1);
    }
  }
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove ${issue.keys.length === 1 ? 'it' : 'them'} or check the spelling.`;
    case 'invalid_type':
      return issue.input === undefined ? `is missing; it must be ${article(issue.expected)}.` : `must be ${article(issue.expected)}, not ${kindOf(issue.input)}.`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}.`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `is too short (at least ${issue.minimum} expected).`
        : `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}.`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `is too long (at most ${issue.maximum} allowed).`
        : `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}.`;
    case 'invalid_union':
      return 'does not match any allowed form.';
    default:
      return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  }
}

function article(expected: string): string {
  const names: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: 'an object', record: 'an object' };
  return names[expected] ?? expected;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  if (typeof value === 'string') return `the text "${value.length > 30 ? value.slice(0, 30) + '…' : value}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}

/** Older project versions are brought up to date here, one step per version. */
export const migrations: Record<number, (project: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2 goes here when version 2 exists: `1: (p) => ({ ...p, version: 2, ... })`.
};

export function migrate(raw: Record<string, unknown>, steps = migrations, current = PROJECT_VERSION): Record<string, unknown> {
  let project = raw;
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1)
    throw new ProjectError([{ path: 'version', message: `must be a whole number of at least 1 (got ${JSON.stringify(raw.version)}).` }]);
  let version: number = raw.version;
  if (version > current)
    throw new ProjectError([
      { path: 'version', message: `this project was made by a newer Neuroblocks (format version ${version}; this one reads up to ${current}). Update Neuroblocks to open it.` },
    ]);
  while (version < current) {
    const step = steps[version];
    if (!step) throw new ProjectError([{ path: 'version', message: `no migration from version ${version} exists.` }]);
    project = step(project);
    if (project.version !== version + 1) throw new Error(`Migration from version ${version} did not produce version ${version + 1}.`);
    version = project.version as number;
  }
  return project;
}

/** Validates a project (or a bare `{nodes, edges}` graph) given as parsed JSON. Throws ProjectError. */
export function parseProject(value: unknown): Project {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ProjectError([{ path: '', message: 'a project must be a JSON object with "format", "version" and "graph" (or a bare graph with "nodes" and "edges").' }]);
  const forbidden: ProjectProblem[] = [];
  findForbiddenKeys(value, [], forbidden);
  if (forbidden.length) throw new ProjectError(forbidden);

  let raw = value as Record<string, unknown>;
  if (!('format' in raw) && 'nodes' in raw && 'edges' in raw) raw = { format: PROJECT_FORMAT, version: PROJECT_VERSION, graph: raw };
  if (raw.format !== PROJECT_FORMAT)
    throw new ProjectError([{ path: 'format', message: `must be "${PROJECT_FORMAT}" (got ${JSON.stringify(raw.format)}): this does not look like a Neuroblocks project.` }]);
  raw = migrate(raw);

  const result = projectSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throw new ProjectError(result.error.issues.map((i) => ({ path: formatPath(i.path), message: describeZodIssue(i) })));
  }
  return result.data;
}

/**
 * Where JSON text first goes wrong. Node's own message does not always say, so find the longest
 * prefix that is merely unfinished (rather than wrong) by binary search: that property only holds
 * up to the first bad character.
 */
function jsonErrorOffset(text: string): number {
  const unfinished = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const at = /position (\d+)/.exec(String(error));
      if (at) return Number(at[1]) >= length;
      return /end of (JSON )?input|Unterminated string/i.test(String(error));
    }
  };
  let [low, high] = [0, text.length];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (unfinished(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Parses project JSON text; a syntax error is reported with its line and column. */
export function parseProjectText(text: string): Project {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const found = offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : 'the text ends too early';
    throw new ProjectError([{ path: '', message: `the file is not valid JSON: ${found} at line ${line}, column ${column}. (${message})` }]);
  }
  return parseProject(value);
}

/** Canonical JSON text of a project, for saving and diffing. */
export function serializeProject(project: Project): string {
  return JSON.stringify(project, null, 2) + '\n';
}
