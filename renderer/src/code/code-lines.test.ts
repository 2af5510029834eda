import { describe, expect, it, vi } from 'vitest';
import { graphCode } from '../../../core/model/codegen/code-view';
import { parseProject } from '../../../core/model/project-io';
import mnistCnn from '../../../projects/mnist-cnn.json';
import residualCnn from '../../../projects/residual-cnn.json';
import { blockLines, createCodeCache } from './code-lines';

const examples: Record<string, unknown> = { 'mnist-cnn': mnistCnn, 'residual-cnn': residualCnn };
const example = (name: string) => parseProject(examples[name]);
const linesOf = (code: string, found: Set<number>) => [...found].map((i) => code.split('\n')[i].trim());

describe('blockLines', () => {
  it('finds the layer of a block in the Keras code of a chain', () => {
    const result = graphCode(example('mnist-cnn').graph, 'keras');
    if (!result.ok) throw new Error(result.message);
    expect(linesOf(result.code, blockLines(result.code, 'keras', 'conv1'))).toEqual([
      'layers.Conv2D(8, 3, activation="relu", name="conv1"),',
    ]);
    // conv1 must not also pick conv10-like names or the other convolution.
    expect(blockLines(result.code, 'keras', 'conv2').size).toBe(1);
  });

  it('finds the attribute and the forward line of a block in PyTorch code', () => {
    const result = graphCode(example('residual-cnn').graph, 'pytorch');
    if (!result.ok) throw new Error(result.message);
    const lines = linesOf(result.code, blockLines(result.code, 'pytorch', 'conv3'));
    expect(lines).toEqual(['self.conv3 = nn.Conv2d(16, 16, kernel_size=3, padding="same")', 'conv3 = self.conv3(conv2)']);
    // The Add block has no attribute, only its variable; `conv1 + conv3` is not the line of conv1.
    expect(linesOf(result.code, blockLines(result.code, 'pytorch', 'add'))).toEqual(['add = conv1 + conv3']);
  });

  it('finds nothing for a block the code does not contain', () => {
    expect(blockLines('model = keras.Sequential([])', 'keras', 'missing').size).toBe(0);
  });
});

describe('createCodeCache', () => {
  it('regenerates only when blocks, parameters or edges change, not when blocks move', () => {
    const generate = vi.fn(graphCode);
    const code = createCodeCache(generate);
    const graph = example('mnist-cnn').graph;
    const first = code(graph, 'keras');
    const moved = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) };
    expect(code(moved, 'keras')).toBe(first);
    expect(generate).toHaveBeenCalledTimes(1);
    const edited = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'conv1' ? { ...n, params: { ...n.params, filters: 12 } } : n)) };
    const changed = code(edited, 'keras');
    expect(generate).toHaveBeenCalledTimes(2);
    expect(changed.ok && changed.code).toContain('layers.Conv2D(12, 3');
  });
});
