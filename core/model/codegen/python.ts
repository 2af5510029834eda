/** Helpers to write Python source: literals, identifiers, snake_case names. */

const PYTHON_KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
  'type',
]);

/** A Python float or int literal that reads back to the same number. */
export function pyNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : value < 0 ? 'float("-inf")' : 'float("nan")';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  const text = String(value);
  return text.includes('e') ? text.replace('e+', 'e') : text;
}

/** A float literal even for whole numbers (1.0 rather than 1), where Python code expects a float. */
export function pyFloat(value: number): string {
  const text = pyNumber(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

export function pyString(value: string): string {
  return JSON.stringify(value);
}

/** Any JSON-like value as a Python literal; arrays become tuples, as Keras arguments are written. */
export function pyValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${pyValue(value[0])},)` : `(${value.map(pyValue).join(', ')})`;
  if (typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pyString(k)}: ${pyValue(v)}`)
      .join(', ')}}`;
  return pyString(String(value));
}

/** `kernelSize` → `kernel_size`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** `mnist-cnn`, `MNIST CNN` → `MnistCnn`. */
export function pascalCase(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const joined = words.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join('');
  if (!joined) return 'Model';
  return /^\d/.test(joined) ? `Model${joined}` : joined;
}

/**
 * Turns block ids into distinct Python identifiers, avoiding keywords and any name in `reserved`
 * (module names, attributes of nn.Module), so generated code never shadows what it uses.
 */
export class IdentifierTable {
  private readonly byId = new Map<string, string>();
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string> = []) {
    this.taken = new Set(reserved);
  }

  get(id: string): string {
    const known = this.byId.get(id);
    if (known) return known;
    let base =
      id
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9_]+/g, '_')
        .replace(/^_+|_+$/g, '') || 'layer';
    if (/^\d/.test(base)) base = `layer_${base}`;
    if (PYTHON_KEYWORDS.has(base)) base = `${base}_`;
    // `input` is a Python built-in; `inputs` is what Keras code calls the model's input.
    if (base === 'input' && this.taken.has('input')) base = 'inputs';
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    this.byId.set(id, name);
    return name;
  }
}

/** Characters written as escapes in a docstring: controls (bar tab and newline) and lone surrogates. */
const DOCSTRING_ESCAPES = /[^\P{Cc}\t\n]|\p{Cs}/gu;

/**
 * A triple-quoted Python string (a docstring) that reads back as `text` followed by a newline, for
 * any text: backslashes, runs of quotes, NUL, carriage returns and lone surrogates are escaped.
 */
export function pyDocstring(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"""/g, '\\"\\"\\"')
    .replace(DOCSTRING_ESCAPES, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
  return `"""${body}\n"""`;
}

/** A `# comment` line for each line of text, wrapped at about 96 columns. */
export function commentLines(text: string, indent = ''): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/[^\P{Cc}\n\r]/gu, ' ').split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > 92) {
        lines.push(`${indent}# ${line}`);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line ? `${indent}# ${line}` : `${indent}#`);
  }
  return lines;
}
