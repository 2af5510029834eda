import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import type { Graph } from './graph';
import { memoryText } from '../i18n/translate';
import { estimateTrainingMemory, memoryIssue } from './memory';
import { chain } from './test-graphs';
import { issueTexts } from './test-issues';

const GB = 1e9;
const adam = { batchSize: 16, optimizer: 'adam' as const };

function mlp(input: number[], ...units: number[]): Graph {
  const nodes: Graph['nodes'] = [{ id: 'in', type: 'Input', params: { shape: input } }];
  units.forEach((u, i) =>
    nodes.push({ id: `d${i + 1}`, type: 'Dense', params: { units: u, activation: i === units.length - 1 ? 'softmax' : 'relu' } }),
  );
  return { nodes, edges: nodes.slice(1).map((n, i) => ({ source: nodes[i].id, target: n.id })) };
}

describe('the memory training needs', () => {
  it('counts weights, gradients, optimizer state and one batch of block outputs (2 → 8 → 2 with Adam, batches of 16)', () => {
    const analysis = analyzeGraph(mlp([2], 8, 2));
    expect(analysis.totalParams).toBe(42);
    expect(estimateTrainingMemory(analysis, adam)).toEqual({
      weights: 42 * 4,
      gradients: 42 * 4,
      optimizerState: 2 * 42 * 4,
      // 2 + 8 + 2 values per sample, 16 samples, kept forward and again for their gradients.
      activations: 2 * 12 * 16 * 4,
      minimum: 42 * 4 * 4 + 12 * 16 * 4,
      total: 42 * 4 * 4 + 2 * 12 * 16 * 4,
    });
    expect(estimateTrainingMemory(analysis, { batchSize: 16, optimizer: 'sgd' }).optimizerState).toBe(0);
    expect(estimateTrainingMemory(analysis, { batchSize: 16, optimizer: 'sgd', momentum: 0.9 }).optimizerState).toBe(42 * 4);
  });

  it('frozen weights need no gradient and no optimizer state', () => {
    const graph = mlp([2], 8, 2);
    graph.nodes[1].params.trainable = false;
    const analysis = analyzeGraph(graph);
    const estimate = estimateTrainingMemory(analysis, adam);
    expect(estimate.weights).toBe(42 * 4);
    expect(estimate.gradients).toBe(18 * 4);
    expect(estimate.optimizerState).toBe(2 * 18 * 4);
  });

  it('refuses 10^10 parameters on a 16 GB computer, naming the largest block and what to change, in English and French', () => {
    const analysis = analyzeGraph(mlp([100_000], 100_000, 10));
    expect(analysis.totalParams).toBeGreaterThan(1e10);
    const found = memoryIssue(analysis, adam, 16 * GB);
    expect(found).toMatchObject({ severity: 'error', code: 'out-of-memory', nodeId: 'd1' });
    expect(issueTexts(found!).en).toMatch(
      /^Training this model needs at least 160 GB of memory \(40 GB of weights, 120 GB of gradients and optimizer state, .* of block outputs per batch, with batches of 16\), more than this computer's 16 GB: it cannot be trained here\. The largest is Dense "d1"\. To fix it, use smaller Input shapes/,
    );
    expect(issueTexts(found!).fr).toMatch(
      /^Entraîner ce modèle demande au moins 160 Go de mémoire \(40 Go de poids, 120 Go de gradients et d’état de l’optimiseur, .*\), plus que les 16 Go de cet ordinateur : il ne peut pas être entraîné ici\. Le plus gros est Dense « d1 »\./,
    );
  });

  it('refuses an Input of 100000×100000×3 by the size of its batches alone', () => {
    const graph: Graph = chain(
      ['in', 'Input', { shape: [100_000, 100_000, 3] }],
      ['flat', 'GlobalAveragePooling2D'],
      ['out', 'Dense', { units: 2, activation: 'softmax' }],
    );
    const analysis = analyzeGraph(graph, { memory: { bytes: 64 * GB, training: { batchSize: 1, optimizer: 'adam' } } });
    expect(analysis.valid).toBe(false);
    expect(analysis.errors).toEqual([expect.objectContaining({ code: 'out-of-memory', nodeId: 'in' })]);
    expect(issueTexts(analysis.errors[0]).en).toContain('needs at least 120 GB of memory');
  });

  it('warns when training needs more than half of the memory, and says nothing when it fits', () => {
    const analysis = analyzeGraph(mlp([1000], 1000, 10));
    const estimate = estimateTrainingMemory(analysis, adam);
    expect(memoryIssue(analysis, adam, estimate.total * 2)).toBeUndefined();
    const warning = memoryIssue(analysis, adam, estimate.total * 1.5);
    expect(warning).toMatchObject({ severity: 'warning', code: 'memory' });
    expect(issueTexts(warning!).en).toContain('it may run out of memory');
    expect(issueTexts(warning!).fr).toContain('la mémoire pourrait manquer');
    const inAnalysis = analyzeGraph(mlp([1000], 1000, 10), { memory: { bytes: estimate.total * 1.5, training: adam } });
    expect(inAnalysis.valid).toBe(true);
    expect(inAnalysis.warnings.map((w) => w.code)).toEqual(['memory']);
  });

  it('is not checked when no memory is given (the browser cannot know it)', () => {
    expect(analyzeGraph(mlp([100_000], 100_000, 10)).valid).toBe(true);
  });

  it('says sizes as file managers do', () => {
    const formatMemory = (bytes: number) => ({ en: memoryText(bytes, 'en'), fr: memoryText(bytes, 'fr') });
    expect(formatMemory(1_500_000_000)).toEqual({ en: '1.5 GB', fr: '1,5 Go' });
    expect(formatMemory(320_000_000)).toEqual({ en: '320 MB', fr: '320 Mo' });
    expect(formatMemory(512)).toEqual({ en: '512 bytes', fr: '512 octets' });
  });
});
