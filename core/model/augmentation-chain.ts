// Which augmentation blocks an image goes through before the rest of the network: the chain of
// augmentation blocks that starts right after an Input block. Browser-safe, so that the editor
// can tell at once whether there is anything to preview.
import { getBlock } from './blocks/index';
import type { Graph } from './graph';

export interface ChainBlock {
  id: string;
  type: string;
}

/** An augmentation block the preview leaves out, with the block that comes before it. */
export interface BlockOutsideChain extends ChainBlock {
  /** The block feeding it (e.g. a Conv2D), or undefined when nothing is connected into it. */
  after?: ChainBlock;
}

export interface AugmentationChain {
  /** The Input block the chain starts from; undefined when the graph has none. */
  input?: ChainBlock;
  /** The augmentation blocks right after the Input, in the order an image goes through them. */
  chain: ChainBlock[];
  /** Augmentation blocks elsewhere: after another kind of block, on a second branch, or unconnected. */
  outside: BlockOutsideChain[];
}

export function isAugmentationBlock(type: string): boolean {
  return getBlock(type)?.trainingOnly === true;
}

/**
 * Follows the graph from its Input block through the augmentation blocks that come one after the
 * other. With several Input blocks, the first one that leads into an augmentation block is taken.
 * Where an augmentation block feeds two augmentation blocks, the first connection is followed.
 */
export function findAugmentationChain(graph: Graph): AugmentationChain {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const targets = new Map<string, string[]>();
  const sources = new Map<string, string[]>();
  for (const { source, target } of graph.edges) {
    if (!byId.has(source) || !byId.has(target)) continue;
    if (!targets.get(source)?.includes(target)) targets.set(source, [...(targets.get(source) ?? []), target]);
    if (!sources.get(target)?.includes(source)) sources.set(target, [...(sources.get(target) ?? []), source]);
  }
  const block = (id: string): ChainBlock => ({ id, type: byId.get(id)!.type });
  const follow = (start: string): ChainBlock[] => {
    const chain: ChainBlock[] = [];
    const seen = new Set([start]);
    let current = start;
    for (;;) {
      // A block that merges several inputs (or sits in a loop) ends the chain.
      const next = (targets.get(current) ?? []).find(
        (id) => isAugmentationBlock(byId.get(id)!.type) && (sources.get(id) ?? []).length === 1 && !seen.has(id),
      );
      if (!next) return chain;
      chain.push(block(next));
      seen.add(next);
      current = next;
    }
  };

  const inputs = graph.nodes.filter((n) => n.type === 'Input').map((n) => n.id);
  let input = inputs[0];
  let chain = input === undefined ? [] : follow(input);
  for (const other of inputs.slice(1)) {
    if (chain.length > 0) break;
    const found = follow(other);
    if (found.length > 0) [input, chain] = [other, found];
  }
  const inChain = new Set(chain.map((b) => b.id));
  const outside: BlockOutsideChain[] = graph.nodes
    .filter((n) => isAugmentationBlock(n.type) && !inChain.has(n.id))
    .map((n) => {
      const before = sources.get(n.id)?.[0];
      return before === undefined ? block(n.id) : { ...block(n.id), after: block(before) };
    });
  return { input: input === undefined ? undefined : block(input), chain, outside };
}
