import { describe, expect, it } from 'vitest';
import { migrate, parseProject, parseProjectText, ProjectError, serializeProject } from './project-io';

const minimal = {
  format: 'neuroblocks.project',
  version: 1,
  name: 'Tiny',
  graph: { nodes: [{ id: 'in', type: 'Input', params: { shape: [2] } }], edges: [] },
};

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectError);
    return (error as ProjectError).problems;
  }
  throw new Error('expected a ProjectError');
}

describe('parseProject', () => {
  it('accepts a minimal project and fills in training defaults', () => {
    const project = parseProject(minimal);
    expect(project.name).toBe('Tiny');
    expect(project.training).toMatchObject({ optimizer: 'adam', learningRate: 0.001, batchSize: 32, seed: 1 });
    expect(project.graph.nodes[0].params).toEqual({ shape: [2] });
  });

  it('accepts a bare {nodes, edges} graph', () => {
    const project = parseProject({ nodes: minimal.graph.nodes, edges: [] });
    expect(project.format).toBe('neuroblocks.project');
    expect(project.graph.nodes).toHaveLength(1);
  });

  it('rejects unknown keys with their JSON path', () => {
    const problems = problemsOf(() => parseProject({ ...minimal, graph: { ...minimal.graph, nodes: [{ ...minimal.graph.nodes[0], colour: 'red' }] } }));
    expect(problems).toEqual([{ path: 'graph.nodes[0]', message: expect.stringContaining('unknown key "colour"') }]);
  });

  it('rejects wrong types and out-of-range values in plain words', () => {
    const problems = problemsOf(() => parseProject({ ...minimal, training: { learningRate: -1, batchSize: 'big' } }));
    expect(problems).toContainEqual({ path: 'training.learningRate', message: 'must be greater than 0.' });
    expect(problems).toContainEqual({ path: 'training.batchSize', message: 'must be a number, not the text "big".' });
  });

  it('reports a missing graph', () => {
    const problems = problemsOf(() => parseProject({ format: 'neuroblocks.project', version: 1 }));
    expect(problems[0]).toMatchObject({ path: 'graph', message: expect.stringContaining('is missing') });
  });

  it('refuses prototype-polluting keys anywhere and never pollutes Object.prototype', () => {
    const text = `{"format":"neuroblocks.project","version":1,"graph":{"nodes":[{"id":"in","type":"Input","params":{"__proto__":{"polluted":true},"shape":[2]}}],"edges":[]}}`;
    const problems = problemsOf(() => parseProjectText(text));
    expect(problems).toEqual([{ path: 'graph.nodes[0].params.__proto__', message: 'the key "__proto__" is not allowed.' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problemsOf(() => parseProject({ ...minimal, constructor: { prototype: {} } }))[0].path).toBe('constructor');
  });

  it('refuses something that is not a Neuroblocks project', () => {
    expect(problemsOf(() => parseProject([1, 2]))[0].message).toContain('must be a JSON object');
    expect(problemsOf(() => parseProject({ format: 'other', version: 1, graph: minimal.graph }))[0]).toMatchObject({ path: 'format' });
  });

  it('refuses a project from a newer version, telling the user to update', () => {
    const problems = problemsOf(() => parseProject({ ...minimal, version: 99 }));
    expect(problems[0].message).toContain('newer Neuroblocks');
  });

  it('locates a JSON syntax error by line and column', () => {
    const problems = problemsOf(() => parseProjectText('{\n  "format": "neuroblocks.project",\n  "version": 1,,\n}'));
    expect(problems[0].message).toMatch(/not valid JSON: unexpected "," at line 3, column 16/);
  });

  it('round-trips through its serialised form', () => {
    const project = parseProject(minimal);
    expect(parseProjectText(serializeProject(project))).toEqual(project);
  });
});

describe('migrate', () => {
  it('applies each step in turn up to the current version', () => {
    const steps = {
      1: (p: Record<string, unknown>) => ({ ...p, version: 2, renamed: p.old }),
      2: (p: Record<string, unknown>) => ({ ...p, version: 3 }),
    };
    expect(migrate({ version: 1, old: 'x' }, steps, 3)).toEqual({ version: 3, old: 'x', renamed: 'x' });
  });

  it('refuses a missing step and a broken step', () => {
    expect(() => migrate({ version: 1 }, {}, 2)).toThrow(/no migration from version 1/);
    expect(() => migrate({ version: 1 }, { 1: (p) => p }, 2)).toThrow(/did not produce version 2/);
  });
});
