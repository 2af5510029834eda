import { problem, type Problem } from '../i18n/catalogue';

/**
 * Parameter schemas of blocks, kept as data so the inspector can draw a control for each
 * (ranges, choices, defaults) and validation can explain what is wrong in plain words.
 */

export interface Localized {
  en: string;
  fr: string;
}

interface BaseSpec {
  /** One-line help shown in the inspector. */
  help: Localized;
}

export interface IntSpec extends BaseSpec {
  kind: 'int';
  default: number;
  min: number;
  max: number;
}

export interface FloatSpec extends BaseSpec {
  kind: 'float';
  default: number;
  min: number;
  max: number;
  /** When true, `min` itself is not allowed (e.g. a learning rate or a rate of 0). */
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

export interface EnumSpec extends BaseSpec {
  kind: 'enum';
  default: string;
  values: readonly string[];
}

export interface BoolSpec extends BaseSpec {
  kind: 'bool';
  default: boolean;
}

/** A size given as one number (square) or as [height, width], like Keras `kernel_size`. */
export interface Size2Spec extends BaseSpec {
  kind: 'size2';
  default: number | [number, number] | null;
  min: number;
  max: number;
  /** When true, null is allowed (e.g. pooling `strides` defaulting to the pool size). */
  nullable?: boolean;
  /** When true, [[top, bottom], [left, right]] is allowed too, as Keras's ZeroPadding2D `padding`. */
  sides?: boolean;
}

/** A tensor shape without batch dimension, e.g. [28, 28, 1]. */
export interface ShapeSpec extends BaseSpec {
  kind: 'shape';
  default: number[];
  minRank: number;
  maxRank: number;
}

/** A factor given as one number f (meaning [-f, f]) or as [lower, upper], like Keras's augmentation layers. */
export interface RangeSpec extends BaseSpec {
  kind: 'range';
  default: number | [number, number] | null;
  min: number;
  max: number;
  nullable?: boolean;
}

/** `null`, `{ "l1": x }`, `{ "l2": x }` or both, as Keras's kernel_regularizer. */
export interface RegularizerSpec extends BaseSpec {
  kind: 'regularizer';
  default: null;
}

export type ParamSpec = IntSpec | FloatSpec | EnumSpec | BoolSpec | Size2Spec | ShapeSpec | RangeSpec | RegularizerSpec;

export type Regularizer = { l1?: number; l2?: number } | null;

export interface ParamProblem {
  param: string;
  /** What is wrong, as a code of the message catalogue and its parameters: whoever shows it words it. */
  problem: Problem;
}

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The closest known name to a misspelt one, if it is close enough to be a likely typo. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = levenshtein(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** Checks one value against its spec; returns what is wrong (a Problem about parameter `name`) or undefined when it is fine. */
export function checkParam(spec: ParamSpec, value: unknown, name: string): Problem | undefined {
  const got = JSON.stringify(value) ?? String(value);
  switch (spec.kind) {
    case 'int':
      if (!isWhole(value) || value < spec.min || value > spec.max)
        return problem('params:int', { name, min: spec.min, max: spec.max, got });
      return;
    case 'float': {
      const ok =
        isFiniteNumber(value) &&
        (spec.minExclusive ? value > spec.min : value >= spec.min) &&
        (spec.maxExclusive ? value < spec.max : value <= spec.max);
      if (ok) return;
      const code = spec.minExclusive
        ? spec.maxExclusive
          ? 'params:floatAboveBelow'
          : 'params:floatAboveMax'
        : spec.maxExclusive
          ? 'params:floatMinBelow'
          : 'params:floatMinMax';
      return problem(code, { name, min: spec.min, max: spec.max, got });
    }
    case 'enum':
      if (typeof value === 'string' && spec.values.includes(value)) return;
      return problem('params:choice', { name, choices: spec.values, got });
    case 'bool':
      if (typeof value !== 'boolean') return problem('params:bool', { name, got });
      return;
    case 'size2': {
      if (value === null && spec.nullable) return;
      const nested = spec.sides && Array.isArray(value) && value.some(Array.isArray);
      const parts = nested ? (value as unknown[]).flat() : Array.isArray(value) ? value : [value];
      const pairs = nested
        ? (value as unknown[]).length === 2 && (value as unknown[]).every((v) => Array.isArray(v) && v.length === 2)
        : !Array.isArray(value) || value.length === 2;
      if (!pairs || !parts.every((v) => isWhole(v) && v >= spec.min && v <= spec.max))
        return problem(spec.sides ? 'params:size2Sides' : 'params:size2', { name, min: spec.min, max: spec.max, got });
      return;
    }
    case 'shape': {
      if (
        Array.isArray(value) &&
        value.length >= spec.minRank &&
        value.length <= spec.maxRank &&
        value.every((v) => isWhole(v) && v >= 1 && v <= 100_000)
      )
        return;
      return spec.minRank === spec.maxRank
        ? problem('params:shapeRank', { name, rank: spec.minRank, got })
        : problem('params:shapeRanks', { name, min: spec.minRank, max: spec.maxRank, got });
    }
    case 'range': {
      if (value === null && spec.nullable) return;
      if (isFiniteNumber(value)) {
        if (value < 0 || value > spec.max) return problem('params:rangeNumber', { name, max: spec.max, got });
        return;
      }
      if (
        Array.isArray(value) &&
        value.length === 2 &&
        value.every(isFiniteNumber) &&
        value[0] <= value[1] &&
        value[0] >= spec.min &&
        value[1] <= spec.max
      )
        return;
      return problem('params:rangePair', { name, min: spec.min, max: spec.max, got });
    }
    case 'regularizer': {
      if (value === null) return;
      const ok =
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length > 0 &&
        Object.entries(value).every(([k, v]) => (k === 'l1' || k === 'l2') && isFiniteNumber(v) && v >= 0 && v <= 10);
      if (!ok) return problem('params:regularizer', { name, got });
      return;
    }
  }
}

/**
 * Fills in defaults and reports every bad or unknown parameter of one block. Given the block
 * (its type and id), each problem's sentence opens with it, as the graph checks show it.
 */
export function resolveParams(
  specs: Record<string, ParamSpec>,
  given: Record<string, unknown>,
  block?: { type: string; id: string },
): { values: Record<string, unknown>; problems: ParamProblem[] } {
  const values: Record<string, unknown> = Object.create(null);
  const problems: ParamProblem[] = [];
  const report = (param: string, found: Problem) => {
    const full = (
      block ? { code: found.code, params: { ...found.params, context: 'block', type: block.type, id: block.id } } : found
    ) as Problem;
    problems.push({ param, problem: full });
  };
  for (const [name, spec] of Object.entries(specs)) {
    const hasValue = Object.prototype.hasOwnProperty.call(given, name) && given[name] !== undefined;
    const value = hasValue ? given[name] : spec.default;
    const reason = hasValue ? checkParam(spec, value, name) : undefined;
    if (reason) {
      report(name, reason);
      values[name] = structuredClone(spec.default);
    } else {
      values[name] = structuredClone(value);
    }
  }
  for (const name of Object.keys(given)) {
    if (Object.prototype.hasOwnProperty.call(specs, name)) continue;
    const known = Object.keys(specs);
    const guess = closestName(name, known);
    report(
      name,
      guess
        ? problem('params:unknownGuess', { name, guess })
        : known.length
          ? problem('params:unknown', { name, known })
          : problem('params:unknownNone', { name }),
    );
  }
  return { values, problems };
}

/** [height, width] from a size2 value. */
export function pair(value: unknown): [number, number] {
  if (Array.isArray(value)) return [value[0] as number, value[1] as number];
  return [value as number, value as number];
}

/** [[top, bottom], [left, right]] from a size2 value that may give each side (`sides`): p, [ph, pw] or [[top, bottom], [left, right]]. */
export function sidesOf(value: unknown): [[number, number], [number, number]] {
  if (Array.isArray(value) && Array.isArray(value[0])) {
    const [[top, bottom], [left, right]] = value as number[][];
    return [
      [top, bottom],
      [left, right],
    ];
  }
  const [h, w] = pair(value);
  return [
    [h, h],
    [w, w],
  ];
}

/** [lower, upper] from a range value (a single f means [-f, f]). */
export function bounds(value: unknown): [number, number] {
  if (Array.isArray(value)) return [value[0] as number, value[1] as number];
  const f = value as number;
  return [-f, f];
}
