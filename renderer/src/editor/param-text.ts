import type { ParamSpec } from '../../../core/model/params';

/** How a parameter value is written in a text field: `3`, `3, 5`, `28, 28, 1`, or empty for null. */
export function paramToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
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
  const parts = trimmed.split(/\s*[,;×xX*]\s*|\s+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (!numbers.length || numbers.some((n) => !Number.isFinite(n))) return { ok: false };
  if (spec.kind === 'shape') return { ok: true, value: numbers };
  if (numbers.length === 1) return { ok: true, value: numbers[0] };
  return { ok: true, value: numbers };
}
