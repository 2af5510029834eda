import type { BlockCategory, BlockDefinition } from '../block';

/**
 * The block catalogue: every block type, keyed by its Keras name.
 * Each block lives in its own module next to this file.
 */
const definitions: BlockDefinition[] = [];

export const blockCatalogue: Readonly<Record<string, BlockDefinition>> = Object.freeze(
  Object.fromEntries(definitions.map((d) => [d.type, d])),
);

export const blockTypes: readonly string[] = definitions.map((d) => d.type);

export function getBlock(type: string): BlockDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(blockCatalogue, type) ? blockCatalogue[type] : undefined;
}

export function blocksByCategory(): Record<BlockCategory, BlockDefinition[]> {
  const out = {} as Record<BlockCategory, BlockDefinition[]>;
  for (const d of definitions) (out[d.category] ??= []).push(d);
  return out;
}
