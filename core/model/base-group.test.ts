import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { insertBase } from './base-group';
import { getBlock } from './blocks/index';
import type { Graph } from './graph';
import { projectOf } from './project-fixtures';
import { parseProject } from './project-io';
import { chainEdges } from './test-graphs';

const chain = (...nodes: [string, string, Record<string, unknown>][]): Graph => ({
  nodes: nodes.map(([id, type, params], i) => ({ id, type, params, position: { x: 100 * i, y: 0 } })),
  edges: chainEdges(...nodes.map(([id]) => id)),
});

const digits = chain(
  ['in', 'Input', { shape: [28, 28, 1] }],
  ['c1', 'Conv2D', { filters: 8, kernelSize: 3, activation: 'relu' }],
  ['p1', 'MaxPooling2D', { poolSize: 2 }],
  ['drop', 'Dropout', { rate: 0.2 }],
  ['flat', 'Flatten', {}],
  ['out', 'Dense', { units: 5, activation: 'softmax' }],
);
const weights = [
  { name: 'c1/kernel', shape: [3, 3, 1, 8] },
  { name: 'c1/bias', shape: [8] },
  { name: 'out/kernel', shape: [1352, 5] },
  { name: 'out/bias', shape: [5] },
];

const target = () =>
  projectOf('Digits 5–9', chain(['input', 'Input', { shape: [28, 28, 1] }], ['head', 'Dense', { units: 5, activation: 'softmax' }]));

describe('inserting a pretrained base into a project', () => {
  it('puts the network up to the chosen block after the Input as one frozen group, with its weights renamed', () => {
    const {
      project,
      weights: renamed,
      group,
    } = insertBase(target(), { name: 'Digits 0–4', source: 'run 3 of Digits 0–4', graph: digits, weights }, { upTo: 'flat' });
    expect(group).toEqual({ id: 'digits_0_4', name: 'Digits 0–4', source: 'run 3 of Digits 0–4', collapsed: true });
    const ids = project.graph.nodes.map((n) => n.id);
    expect(ids).toEqual(['input', 'head', 'digits_0_4_c1', 'digits_0_4_p1', 'digits_0_4_drop', 'digits_0_4_flat']);
    expect(project.graph.edges).toEqual([
      { source: 'digits_0_4_flat', target: 'head' },
      ...chainEdges('input', 'digits_0_4_c1', 'digits_0_4_p1', 'digits_0_4_drop', 'digits_0_4_flat'),
    ]);
    const c1 = project.graph.nodes.find((n) => n.id === 'digits_0_4_c1')!;
    expect(c1).toMatchObject({ group: 'digits_0_4', params: { filters: 8, trainable: false } });
    for (const node of project.graph.nodes.filter((n) => n.group))
      if (getBlock(node.type)!.params.trainable) expect(node.params.trainable).toBe(false);
    expect(project.graph.nodes.find((n) => n.id === 'head')!.params.trainable).toBeUndefined();
    expect(renamed.map((w) => w.name)).toEqual(['digits_0_4_c1/kernel', 'digits_0_4_c1/bias']);
    // The result is a valid project whose head now reads the base's features.
    const analysis = analyzeGraph(parseProject(project).graph);
    expect(analysis.valid).toBe(true);
    expect(analysis.nodes.head.inputShapes).toEqual([[1352]]);
  });

  it('gives a second base of the same name its own ids, and a project without Input the base’s', () => {
    const once = insertBase(target(), { name: 'Digits 0–4', source: 'a', graph: digits, weights }, { upTo: 'flat' });
    const twice = insertBase(once.project, { name: 'Digits 0–4', source: 'b', graph: digits, weights }, { upTo: 'p1' });
    expect(twice.group.id).toBe('digits_0_4_2');
    expect(twice.weights[0].name).toBe('digits_0_4_2_c1/kernel');
    expect(analyzeGraph(twice.project.graph).valid).toBe(true);
    const empty = projectOf('Empty', { nodes: [], edges: [] });
    const whole = insertBase(empty, { name: 'Digits', source: 'a', graph: digits, weights });
    expect(whole.project.graph.nodes[0]).toMatchObject({ id: 'input', type: 'Input', params: { shape: [28, 28, 1] } });
    expect(whole.weights.map((w) => w.name)).toEqual(['digits_c1/kernel', 'digits_c1/bias', 'digits_out/kernel', 'digits_out/bias']);
    expect(analyzeGraph(whole.project.graph).valid).toBe(true);
  });

  it('refuses a cut at the Input or at a block the network does not have, and a network ending in two blocks', () => {
    expect(() => insertBase(target(), { name: 'D', source: 'a', graph: digits, weights }, { upTo: 'in' })).toThrow(/not at its Input/);
    expect(() => insertBase(target(), { name: 'D', source: 'a', graph: digits, weights }, { upTo: 'nope' })).toThrow(/no block "nope"/);
    const forked: Graph = {
      nodes: [...digits.nodes, { id: 'side', type: 'Dense', params: { units: 2 } }],
      edges: [...digits.edges, { source: 'flat', target: 'side' }],
    };
    expect(() => insertBase(target(), { name: 'D', source: 'a', graph: forked, weights })).toThrow(/ends in 2 blocks \(out, side\)/);
  });
});
