// What "Look inside" says about a block: which plain sentence explains its output, which block is
// shown first, and how its numbers are written.
import type { BlockOutput, InsideBlock } from '../../../core/api/contract';
import { getBlock } from '../../../core/model/blocks/index';

export type Explanation = 'input' | 'conv' | 'pooling' | 'dropout' | 'maps' | 'flatten' | 'dense' | 'output' | 'vector';

/** The sentence for a block's output: the one its block module declares (`inside`), or a generic one for maps and vectors. */
export function explanationOf(output: BlockOutput): Explanation {
  if (output.type === 'Input') return 'input';
  const inside = getBlock(output.type)?.inside;
  if (inside === 'dropout') return 'dropout';
  if (output.kind === 'maps') return inside === 'conv' || inside === 'pooling' ? inside : 'maps';
  if (inside === 'flatten') return 'flatten';
  if (inside === 'dense') return output.classNames ? 'output' : 'dense';
  return 'vector';
}

/** The block shown first: the first convolution, else the first block after the input. */
export function defaultBlock(blocks: InsideBlock[]): string | undefined {
  return (blocks.find((b) => b.type === 'Conv2D') ?? blocks.find((b) => b.type !== 'Input') ?? blocks[0])?.id;
}

/** A value for a colour scale or a chart label: three significant digits, in the interface's language (0.5585 → "0.559", "0,559"). */
export function formatValue(value: number, language: string): string {
  return new Intl.NumberFormat(language.startsWith('fr') ? 'fr-FR' : 'en-US', { maximumSignificantDigits: 3 }).format(value);
}
