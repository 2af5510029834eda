import { visit } from 'jsonc-parser';
import type { z } from 'zod';
import { frenchNumber, LocalizedError, type Localized } from './localized';
import { PROJECT_FORMAT, PROJECT_VERSION, projectSchema, type Project } from './project';

export interface ProjectProblem {
  /** JSON path of the value at fault, e.g. `graph.nodes[2].params`. Empty for the whole file. */
  path: string;
  message: string;
  /** The same problem in French, for the interface. */
  messageFr: string;
}

/** The problems of a project as one message, after a lead such as "This project cannot be opened". */
export function projectProblemsText(problems: readonly ProjectProblem[], lead: Localized): Localized {
  const list = (fr: boolean) => problems.map((p) => `  - ${formatProblem(p, fr)}`).join('\n');
  return problems.length === 1
    ? { en: `${lead.en}: ${formatProblem(problems[0], false)}`, fr: `${lead.fr} : ${formatProblem(problems[0], true)}` }
    : { en: `${lead.en} (${problems.length} problems):\n${list(false)}`, fr: `${lead.fr} (${problems.length} problèmes) :\n${list(true)}` };
}

/** A project that cannot be read, with every problem found and where. */
export class ProjectError extends LocalizedError {
  constructor(readonly problems: ProjectProblem[]) {
    super(projectProblemsText(problems, { en: 'This project cannot be opened', fr: 'Ce projet ne peut pas être ouvert' }));
    this.name = 'ProjectError';
  }
}

function problem(path: string, text: Localized): ProjectProblem {
  return { path, message: text.en, messageFr: text.fr };
}

function formatProblem(p: ProjectProblem, fr: boolean): string {
  const message = fr ? p.messageFr : p.message;
  if (!p.path) return message;
  return fr ? `${p.path} : ${message}` : `${p.path}: ${message}`;
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
    out.push(
      problem(formatPath(path), {
        en: 'is nested too deeply (more than 64 levels).',
        fr: 'imbrication trop profonde (plus de 64 niveaux).',
      }),
    );
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findForbiddenKeys(item, [...path, i], out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key))
        out.push(problem(formatPath([...path, key]), { en: `the key "${key}" is not allowed.`, fr: `la clé « ${key} » est interdite.` }));
      else findForbiddenKeys((value as Record<string, unknown>)[key], [...path, key], out, depth + 1);
    }
  }
}

function describeZodIssue(issue: z.core.$ZodIssue): Localized {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const one = issue.keys.length === 1;
      return {
        en: `unknown ${one ? 'key' : 'keys'} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove ${one ? 'it' : 'them'} or check the spelling.`,
        fr: `${one ? 'clé inconnue' : 'clés inconnues'} ${issue.keys.map((k) => `« ${k} »`).join(', ')} : ${one ? 'supprimez-la' : 'supprimez-les'} ou vérifiez l’orthographe.`,
      };
    }
    case 'invalid_type':
      return issue.input === undefined
        ? { en: `is missing; it must be ${article(issue.expected)}.`, fr: `valeur manquante ; il faut ${articleFr(issue.expected)}.` }
        : {
            en: `must be ${article(issue.expected)}, not ${kindOf(issue.input)}.`,
            fr: `doit être ${articleFr(issue.expected)}, et non ${kindOfFr(issue.input)}.`,
          };
    case 'invalid_value':
      return oneOf(issue.values);
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'string')
        return {
          en: `is too short (at least ${issue.minimum} expected).`,
          fr:
            issue.origin === 'array'
              ? `trop peu d’éléments (au moins ${count(issue.minimum, 'attendu')}).`
              : `texte trop court (au moins ${count(issue.minimum, 'attendu', 'caractère')}).`,
        };
      return {
        en: `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}.`,
        fr: `doit valoir ${issue.inclusive ? 'au moins' : 'plus de'} ${frenchNumber(issue.minimum)}.`,
      };
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'string')
        return {
          en: `is too long (at most ${issue.maximum} allowed).`,
          fr:
            issue.origin === 'array'
              ? `trop d’éléments (au plus ${count(issue.maximum, 'autorisé')}).`
              : `texte trop long (au plus ${count(issue.maximum, 'autorisé', 'caractère')}).`,
        };
      return {
        en: `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}.`,
        fr: `doit valoir ${issue.inclusive ? 'au plus' : 'moins de'} ${frenchNumber(issue.maximum)}.`,
      };
    case 'invalid_union':
      // A discriminated union (the data set's `kind`) names the values it accepts.
      if (issue.discriminator && 'options' in issue && issue.options?.length) return oneOf(issue.options);
      return { en: 'does not match any allowed form.', fr: 'ne correspond à aucune des formes autorisées.' };
    case 'not_multiple_of':
      return { en: `must be a multiple of ${issue.divisor}.`, fr: `doit être un multiple de ${frenchNumber(issue.divisor)}.` };
    case 'invalid_format':
      return { en: `is not in the expected format (${issue.format}).`, fr: `n’a pas le format attendu (${issue.format}).` };
    case 'invalid_key':
      return { en: 'has a key that is not allowed.', fr: 'contient une clé non autorisée.' };
    case 'invalid_element':
      return { en: 'has a value that is not allowed.', fr: 'contient une valeur non autorisée.' };
    default: {
      // A schema's own check may carry its French in `params.fr`.
      const fr = issue.code === 'custom' && typeof issue.params?.fr === 'string' ? issue.params.fr : undefined;
      return { en: issue.message.endsWith('.') ? issue.message : `${issue.message}.`, fr: fr ?? 'valeur non valide.' };
    }
  }
}

function oneOf(values: readonly unknown[]): Localized {
  const shown = values.map((v) => JSON.stringify(v));
  return {
    en: `must be ${shown.join(' or ')}.`,
    fr: `doit valoir ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ou ${shown[shown.length - 1]}` : shown[0]}.`,
  };
}

/** "1 élément attendu", "3 éléments attendus". */
function count(n: number | bigint, participle: string, noun = 'élément'): string {
  const plural = Number(n) > 1 ? 's' : '';
  return `${frenchNumber(n)} ${noun}${plural} ${participle}${plural}`;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    int: 'a whole number',
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
    record: 'an object',
  };
  return names[expected] ?? expected;
}

function articleFr(expected: string): string {
  const names: Record<string, string> = {
    int: 'un nombre entier',
    number: 'un nombre',
    string: 'un texte',
    boolean: 'true ou false',
    array: 'une liste',
    object: 'un objet',
    record: 'un objet',
  };
  return names[expected] ?? expected;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') return `the text "${shortText(value)}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}

function kindOfFr(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'number') return `le nombre ${frenchNumber(value)}`;
  if (typeof value === 'string') return `le texte « ${shortText(value)} »`;
  return typeof value === 'object' ? 'un objet' : String(value);
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
      problem('version', {
        en: `must be a whole number of at least 1 (got ${JSON.stringify(raw.version)}).`,
        fr: `doit être un nombre entier d’au moins 1 (valeur reçue : ${typeof raw.version === 'number' ? frenchNumber(raw.version) : (JSON.stringify(raw.version) ?? 'aucune')}).`,
      }),
    ]);
  let version: number = raw.version;
  if (version > current)
    throw new ProjectError([
      problem('version', {
        en: `this project was made by a newer Neuroblocks (format version ${version}; this one reads up to ${current}). Update Neuroblocks to open it.`,
        fr: `ce projet a été créé par une version plus récente de Neuroblocks (version ${version} du format ; celle-ci lit jusqu’à la version ${current}). Mettez Neuroblocks à jour pour l’ouvrir.`,
      }),
    ]);
  while (version < current) {
    const step = steps[version];
    if (!step)
      throw new ProjectError([
        problem('version', {
          en: `no migration from version ${version} exists.`,
          fr: `aucune conversion n’existe depuis la version ${version}.`,
        }),
      ]);
    project = step(project);
    if (project.version !== version + 1) throw new Error(`Migration from version ${version} did not produce version ${version + 1}.`);
    version = project.version as number;
  }
  return project;
}

/** Validates a project (or a bare `{nodes, edges}` graph) given as parsed JSON. Throws ProjectError. */
export function parseProject(value: unknown): Project {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ProjectError([
      problem('', {
        en: 'a project must be a JSON object with "format", "version" and "graph" (or a bare graph with "nodes" and "edges").',
        fr: 'un projet doit être un objet JSON avec "format", "version" et "graph" (ou un graphe seul avec "nodes" et "edges").',
      }),
    ]);
  const forbidden: ProjectProblem[] = [];
  findForbiddenKeys(value, [], forbidden);
  if (forbidden.length) throw new ProjectError(forbidden);

  let raw = value as Record<string, unknown>;
  if (!('format' in raw) && 'nodes' in raw && 'edges' in raw) raw = { format: PROJECT_FORMAT, version: PROJECT_VERSION, graph: raw };
  if (raw.format !== PROJECT_FORMAT)
    throw new ProjectError([
      problem('format', {
        en: `must be "${PROJECT_FORMAT}" (got ${JSON.stringify(raw.format)}): this does not look like a Neuroblocks project.`,
        fr: `doit valoir "${PROJECT_FORMAT}" (valeur reçue : ${JSON.stringify(raw.format) ?? 'aucune'}) : ce fichier ne ressemble pas à un projet Neuroblocks.`,
      }),
    ]);
  raw = migrate(raw);

  const result = projectSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throw new ProjectError(result.error.issues.map((i) => problem(formatPath(i.path), describeZodIssue(i))));
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
    const at = offset < text.length;
    throw new ProjectError([
      problem('', {
        en: `the file is not valid JSON: ${at ? `unexpected ${JSON.stringify(text[offset])}` : 'the text ends too early'} at line ${line}, column ${column}.`,
        fr: `le fichier n’est pas du JSON valide : ${at ? `caractère « ${JSON.stringify(text[offset]).slice(1, -1)} » inattendu` : 'le texte s’arrête trop tôt'} à la ligne ${line}, colonne ${column}.`,
      }),
    ]);
  }
  return parseProject(value);
}

/** Canonical JSON text of a project, for saving and diffing. */
export function serializeProject(project: Project): string {
  return JSON.stringify(project, null, 2) + '\n';
}
