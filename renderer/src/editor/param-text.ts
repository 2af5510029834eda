import type { ParamSpec } from '../../../core/model/params';

/** How a parameter value is written in a text field: `3`, `3, 5`, `28, 28, 1`, `0, 1, 0, 1` for [[0, 1], [0, 1]], or empty for null. */
export function paramToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.flat().join(', ');
  return String(value);
}

/**
 * Reads what was typed in a text field for a size, shape or range parameter.
 * Returns `{ ok: false }` when it is not numbers; range checks are left to the analysis, which explains them.
 */
export function textToParam(spec: ParamSpec, text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  if (!trimmed) {
    if ((spec.kind === 'size2' || spec.kind === 'range') && spec.nullable) return { ok: true, value: null };
    return { ok: false };
  }
  // Brackets and parentheses are skipped, so that Keras's ((0, 1), (0, 1)) can be typed as it is.
  const parts = trimmed
    .replace(/[[\]()]/g, ' ')
    .split(/\s*[,;×xX*]\s*|\s+/)
    .filter(Boolean);
  const numbers = parts.map(Number);
  if (!numbers.length || numbers.some((n) => !Number.isFinite(n))) return { ok: false };
  if (spec.kind === 'shape') return { ok: true, value: numbers };
  if (numbers.length === 1) return { ok: true, value: numbers[0] };
  // Four numbers for a size that may give each side: top, bottom, left, right.
  if (spec.kind === 'size2' && spec.sides && numbers.length === 4)
    return {
      ok: true,
      value: [
        [numbers[0], numbers[1]],
        [numbers[2], numbers[3]],
      ],
    };
  return { ok: true, value: numbers };
}
