import type { CSSProperties } from 'react';

/**
 * The colour of a block category, one `--cat-…` variable of styles.css each, set as `--cat-color`
 * for the rules that draw a block, a palette entry or a heading in it (children inherit it). An
 * unknown category sets nothing: those rules fall back to the accent colour.
 */
export function categoryStyle(category: string | undefined): CSSProperties | undefined {
  return category ? ({ '--cat-color': `var(--cat-${category.toLowerCase()})` } as CSSProperties) : undefined;
}
