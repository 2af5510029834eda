import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze';
import { issueEn, issueTexts } from './test-issues';
import type { Graph, GraphNode } from './graph';
import { parseProjectText } from './project-io';
import { chain, graphOf, twoInputsJoined } from './test-graphs';

const projectsDir = new URL('../../projects/', import.meta.url);
const example = (name: string) => parseProjectText(readFileSync(new URL(`${name}.json`, projectsDir), 'utf8'));

const codes = (issues: { code: string; nodeId?: string; param?: string }[]) =>
  issues.map((i) => ({ code: i.code, nodeId: i.nodeId, param: i.param }));

describe('example projects', () => {
  const expected: Record<string, { total: number; trainable: number; valid: boolean }> = {
    'mnist-cnn': { total: 42_358, trainable: 42_358, valid: true },
    'mnist-mlp': { total: 79_510, trainable: 79_510, valid: true },
    'spirals-mlp': { total: 354, trainable: 354, valid: true },
    'vgg16-transfer': { total: 14_920_598, trainable: 205_910, valid: true },
    'residual-cnn': { total: 20_970, trainable: 20_970, valid: true },
    'augmented-cnn': { total: 38_282, trainable: 38_282, valid: true },
    'digits-0-4': { total: 56_389, trainable: 56_389, valid: true },
    'digits-5-9-few': { total: 50_565, trainable: 50_565, valid: true },
  };

  it('has an expectation for every example in projects/', () => {
    const files = readdirSync(projectsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: ${want.total} parameters, ${want.trainable} trainable, no errors or warnings`, () => {
      const project = example(name);
      const analysis = analyzeGraph(project.graph, { loss: project.training.loss });
      expect(analysis.errors).toEqual([]);
      expect(analysis.warnings).toEqual([]);
      expect(analysis.valid).toBe(want.valid);
      expect(analysis.totalParams).toBe(want.total);
      expect(analysis.trainableParams).toBe(want.trainable);
      expect(analysis.nonTrainableParams).toBe(want.total - want.trainable);
    });
  }

  it('infers the course CNN shapes layer by layer', () => {
    const { nodes } = analyzeGraph(example('mnist-cnn').graph);
    const shapes = Object.fromEntries(Object.values(nodes).map((n) => [n.id, n.outputShape]));
    expect(shapes).toEqual({
      input: [28, 28, 1],
      conv1: [26, 26, 8],
      pool1: [13, 13, 8],
      drop1: [13, 13, 8],
      conv2: [11, 11, 16],
      pool2: [5, 5, 16],
      drop2: [5, 5, 16],
      flatten: [400],
      dense1: [100],
      drop3: [100],
      output: [10],
    });
    expect(nodes.conv1.paramCount).toEqual({ trainable: 80, nonTrainable: 0 });
    expect(nodes.conv2.paramCount).toEqual({ trainable: 1_168, nonTrainable: 0 });
    expect(nodes.dense1.paramCount).toEqual({ trainable: 40_100, nonTrainable: 0 });
    expect(nodes.output.paramCount).toEqual({ trainable: 1_010, nonTrainable: 0 });
  });

  it('handles the branch of the residual CNN: Add receives both branches', () => {
    const analysis = analyzeGraph(example('residual-cnn').graph);
    expect(analysis.nodes.add.inputShapes).toEqual([
      [28, 28, 16],
      [28, 28, 16],
    ]);
    expect(analysis.outputs).toEqual(['output']);
    expect(analysis.inputs).toEqual(['input']);
  });
});

/** in → a → b, two relu Dense blocks of 3 units after an Input of 4 values, and the connection `extra`. */
function twoDenseAnd(extra: Graph['edges'][number]): Graph {
  const graph = chain(
    ['in', 'Input', { shape: [4] }],
    ['a', 'Dense', { units: 3, activation: 'relu' }],
    ['b', 'Dense', { units: 3, activation: 'relu' }],
  );
  graph.edges.push(extra);
  return graph;
}

describe('errors and warnings, each tied to its node', () => {
  it('an empty graph and a graph without Input', () => {
    expect(codes(analyzeGraph({ nodes: [], edges: [] }).errors)).toEqual([{ code: 'empty', nodeId: undefined, param: undefined }]);
    const noInput = analyzeGraph(chain(['d', 'Dense', { units: 2 }]));
    expect(codes(noInput.errors)).toContainEqual({ code: 'no-input', nodeId: undefined, param: undefined });
  });

  it('a graph that is only an Input has no output', () => {
    expect(codes(analyzeGraph(chain(['in', 'Input', { shape: [4] }])).errors)).toEqual([
      { code: 'no-output', nodeId: 'in', param: undefined },
    ]);
  });

  it('a cycle names every block of the loop', () => {
    const { errors } = analyzeGraph(twoDenseAnd({ source: 'b', target: 'a' }));
    const cycle = errors.filter((e) => e.code === 'cycle');
    expect(cycle.map((e) => e.nodeId).sort()).toEqual(['a', 'b']);
    expect(issueEn(cycle[0])).toContain('loop');
  });

  it('a block with the wrong number of inputs', () => {
    const { errors } = analyzeGraph(twoDenseAnd({ source: 'in', target: 'b' }));
    expect(codes(errors)).toEqual([{ code: 'input-count', nodeId: 'b', param: undefined }]);
    expect(issueEn(errors[0])).toMatch(/takes exactly one input but 2 are connected.*Add or Concatenate/);

    const lonelyAdd = analyzeGraph(chain(['in', 'Input', { shape: [4] }], ['add', 'Add']));
    expect(codes(lonelyAdd.errors)).toEqual([{ code: 'input-count', nodeId: 'add', param: undefined }]);
  });

  it('a kernel larger than its input names kernelSize', () => {
    const { errors } = analyzeGraph(
      chain(['in', 'Input', { shape: [4, 4, 1] }], ['c', 'Conv2D', { filters: 2, kernelSize: 5, activation: 'relu' }]),
    );
    expect(codes(errors)).toEqual([{ code: expect.any(String), nodeId: 'c', param: 'kernelSize' }]);
    expect(issueEn(errors[0])).toContain('4×4×1');
  });

  it('a pool larger than its input names poolSize', () => {
    const { errors } = analyzeGraph(chain(['in', 'Input', { shape: [3, 3, 1] }], ['p', 'MaxPooling2D', { poolSize: 4 }]));
    expect(codes(errors)).toEqual([{ code: expect.any(String), nodeId: 'p', param: 'poolSize' }]);
  });

  it('Add of unequal shapes and Concatenate of incompatible shapes', () => {
    const merge = (type: string): Graph => ({
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [8, 8, 1] } },
        { id: 'a', type: 'Conv2D', params: { filters: 4, kernelSize: 3, activation: 'relu' } },
        { id: 'b', type: 'Conv2D', params: { filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' } },
        { id: 'm', type, params: {} },
      ],
      edges: [
        { source: 'in', target: 'a' },
        { source: 'in', target: 'b' },
        { source: 'a', target: 'm' },
        { source: 'b', target: 'm' },
      ],
    });
    const add = analyzeGraph(merge('Add'));
    expect(codes(add.errors)).toEqual([{ code: expect.any(String), nodeId: 'm', param: undefined }]);
    expect(issueEn(add.errors[0])).toContain('6×6×4');
    const concat = analyzeGraph(merge('Concatenate'));
    expect(concat.errors.map((e) => e.nodeId)).toEqual(['m']);
  });

  it('a bad parameter value is reported on its block and parameter, with defaults used meanwhile', () => {
    const { errors, nodes } = analyzeGraph(
      chain(
        ['in', 'Input', { shape: [4] }],
        ['d', 'Dense', { units: 0, activation: 'relu' }],
        ['o', 'Dense', { units: 2, activation: 'softmax' }],
      ),
    );
    expect(codes(errors)).toEqual([{ code: 'bad-param', nodeId: 'd', param: 'units' }]);
    expect(issueEn(errors[0])).toContain('`units` must be a whole number');
    expect(nodes.o.inputShapes).toEqual([]);
  });

  it('a misspelt parameter suggests the right name', () => {
    const { errors } = analyzeGraph(chain(['in', 'Input', { shape: [8, 8, 1] }], ['c', 'Conv2D', { filter: 4 }]));
    expect(errors[0]).toMatchObject({ nodeId: 'c', param: 'filter' });
    expect(issueEn(errors[0])).toContain('did you mean `filters`?');
  });

  it('an unknown block type suggests the right one', () => {
    const { errors } = analyzeGraph(chain(['in', 'Input', { shape: [8, 8, 1] }], ['c', 'Conv2d']));
    expect(errors[0]).toMatchObject({ code: 'unknown-type', nodeId: 'c' });
    expect(issueEn(errors[0])).toContain('did you mean "Conv2D"?');
  });

  it('a block that gets no data from any Input, and an unconnected Input', () => {
    const graph: Graph = graphOf(
      [
        ['in', 'Input', { shape: [4] }],
        ['spare', 'Input', { shape: [4] }],
        ['out', 'Dense', { units: 2, activation: 'softmax' }],
      ],
      [['in', 'out']],
    );
    expect(codes(analyzeGraph(graph).errors)).toEqual([{ code: 'unused-input', nodeId: 'spare', param: undefined }]);
  });

  it('connections to blocks that do not exist', () => {
    const graph = chain(['in', 'Input', { shape: [4] }], ['out', 'Dense', { units: 2, activation: 'softmax' }]);
    graph.edges.push({ source: 'in', target: 'ghost' });
    expect(codes(analyzeGraph(graph).errors)).toEqual([{ code: 'dangling-edge', nodeId: 'in', param: undefined }]);
  });

  it('Dense fed a 3-D tensor without Flatten: says what happens and suggests Flatten', () => {
    const { warnings } = analyzeGraph(chain(['in', 'Input', { shape: [5, 5, 16] }], ['d', 'Dense', { units: 10, activation: 'softmax' }]));
    expect(codes(warnings)).toEqual([{ code: 'dense-needs-flatten', nodeId: 'd', param: undefined }]);
    expect(issueEn(warnings[0])).toMatch(/5×5 positions.*5×5×10.*add a Flatten block/);
  });

  it('softmax output with a regression loss', () => {
    const graph = chain(['in', 'Input', { shape: [4] }], ['out', 'Dense', { units: 3, activation: 'softmax' }]);
    const { warnings } = analyzeGraph(graph, { loss: 'meanSquaredError' });
    expect(codes(warnings)).toEqual([{ code: 'softmax-regression', nodeId: 'out', param: 'activation' }]);
  });

  it('cross-entropy without softmax at the output is an error: training would not learn class probabilities', () => {
    const { errors, valid } = analyzeGraph(chain(['in', 'Input', { shape: [4] }], ['out', 'Dense', { units: 3, activation: 'relu' }]), {
      loss: 'categoricalCrossentropy',
    });
    expect(valid).toBe(false);
    expect(codes(errors)).toEqual([{ code: 'crossentropy-needs-softmax', nodeId: 'out', param: 'activation' }]);
  });

  it('Dropout after the output', () => {
    const { warnings } = analyzeGraph(
      chain(['in', 'Input', { shape: [4] }], ['out', 'Dense', { units: 3, activation: 'softmax' }], ['drop', 'Dropout', { rate: 0.5 }]),
      {
        loss: 'categoricalCrossentropy',
      },
    );
    expect(codes(warnings)).toEqual([{ code: 'regulariser-at-output', nodeId: 'drop', param: undefined }]);
  });

  it('two Dense layers with no activation between them (even through Dropout)', () => {
    const { warnings } = analyzeGraph(
      chain(
        ['in', 'Input', { shape: [4] }],
        ['a', 'Dense', { units: 8 }],
        ['drop', 'Dropout', { rate: 0.1 }],
        ['b', 'Dense', { units: 3, activation: 'softmax' }],
      ),
    );
    expect(codes(warnings)).toEqual([{ code: 'linear-stack', nodeId: 'a', param: 'activation' }]);
    expect(issueEn(warnings[0])).toContain('"relu"');
  });

  it('several outputs are pointed out; for training they are an error', () => {
    const graph: Graph = graphOf(
      [
        ['in', 'Input', { shape: [4] }],
        ['a', 'Dense', { units: 2, activation: 'softmax' }],
        ['b', 'Dense', { units: 2, activation: 'softmax' }],
      ],
      [
        ['in', 'a'],
        ['in', 'b'],
      ],
    );
    const analysis = analyzeGraph(graph);
    expect(analysis.outputs).toEqual(['a', 'b']);
    expect(codes(analysis.warnings).map((w) => w.nodeId)).toEqual(['a', 'b']);
    const forTraining = analyzeGraph(graph, { loss: 'categoricalCrossentropy' });
    expect(forTraining.valid).toBe(false);
    expect(codes(forTraining.errors)).toEqual([
      { code: 'several-outputs', nodeId: 'a', param: undefined },
      { code: 'several-outputs', nodeId: 'b', param: undefined },
    ]);
  });

  it('block ids that cannot name a layer are refused, naming the block, the allowed characters and a fix', () => {
    const graph = chain(
      ['in', 'Input', { shape: [4] }],
      ['hidden 1', 'Dense', { units: 4, activation: 'relu' }],
      ['couché1', 'Dense', { units: 4, activation: 'relu' }],
      ['dense(1)', 'Dense', { units: 2, activation: 'softmax' }],
      ['_x', 'Dropout', { rate: 0.1 }],
      ['ok/1.a-b_c', 'Dense', { units: 2, activation: 'softmax' }],
    );
    const analysis = analyzeGraph(graph);
    expect(analysis.valid).toBe(false);
    expect(codes(analysis.errors)).toEqual(
      ['hidden 1', 'couché1', 'dense(1)', '_x'].map((nodeId) => ({ code: 'invalid-id', nodeId, param: undefined })),
    );
    const [hidden, couche] = analysis.errors;
    expect(issueTexts(hidden).en).toBe(
      'Dense "hidden 1": its id cannot be used as a layer name by training and exports (an id must start with a letter or a digit and contain only letters without accents (a–z, A–Z), digits, "_", "-", "." and "/"). Rename the block, for example to "hidden_1".',
    );
    expect(issueTexts(couche).fr).toBe(
      'Dense « couché1 » : son identifiant ne peut pas servir de nom de couche pour l’entraînement et les exports (un identifiant doit commencer par une lettre ou un chiffre et ne contenir que des lettres sans accent (a–z, A–Z), des chiffres, « _ », « - », « . » et « / »). Renommez le bloc, par exemple en « couche1 ».',
    );
    expect(issueTexts(analysis.errors[2]).en).toContain('for example to "dense_1"');
    expect(issueTexts(analysis.errors[3]).en).toContain('for example to "x"');
    // Shapes are still inferred through such blocks.
    expect(analysis.nodes['ok/1.a-b_c'].outputShape).toEqual([2]);
  });

  it('trainable: false moves every weight to non-trainable', () => {
    const { nodes, trainableParams, nonTrainableParams } = analyzeGraph(
      chain(['in', 'Input', { shape: [4] }], ['d', 'Dense', { units: 2, activation: 'softmax', trainable: false }]),
    );
    expect(nodes.d.paramCount).toEqual({ trainable: 0, nonTrainable: 10 });
    expect([trainableParams, nonTrainableParams]).toEqual([0, 10]);
  });
});

describe('a valid graph is one that trains (analysis with the loss)', () => {
  const loss = 'categoricalCrossentropy';

  it('Dense on a 6×6×32 tensor gives 6×6×3: an error with the fix (Flatten before that Dense), not "valid"', () => {
    const graph = chain(['in', 'Input', { shape: [6, 6, 32] }], ['dense_1', 'Dense', { units: 3, activation: 'softmax' }]);
    expect(analyzeGraph(graph).valid).toBe(true);
    const analysis = analyzeGraph(graph, { loss });
    expect(analysis.valid).toBe(false);
    expect(codes(analysis.errors)).toEqual([{ code: 'output-not-flat', nodeId: 'dense_1', param: undefined }]);
    expect(issueTexts(analysis.errors[0]).en).toBe(
      'The model\'s output "dense_1" gives 6×6×3 values for each sample, but it must give one value per class: add a Flatten block (or GlobalAveragePooling2D) just before Dense "dense_1".',
    );
    expect(issueTexts(analysis.errors[0]).fr).toContain(
      'ajoutez un bloc Flatten (ou GlobalAveragePooling2D) juste avant Dense « dense_1 »',
    );
  });

  it('an unfinished graph (Input → Conv2D) is told what is missing, with the class count when known, never "softmax on conv2d_1"', () => {
    const graph = chain(
      ['input_1', 'Input', { shape: [28, 28, 1] }],
      ['conv2d_1', 'Conv2D', { filters: 8, kernelSize: 3, activation: 'relu' }],
    );
    const analysis = analyzeGraph(graph, { loss, classes: 10 });
    const all = [...analysis.errors, ...analysis.warnings];
    expect(all.map((i) => issueEn(i)).join(' ')).not.toMatch(/softmax" on "conv2d_1"|softmax.*on conv2d_1/);
    expect(codes(analysis.errors)).toEqual([{ code: 'output-not-flat', nodeId: 'conv2d_1', param: undefined }]);
    expect(issueEn(analysis.errors[0])).toBe(
      'The model\'s output "conv2d_1" gives 26×26×8 values for each sample, but it must give 10 values, one per class: add a Flatten block and then a Dense block with `units` = 10 and `activation` "softmax" after "conv2d_1".',
    );
  });

  it('softmax is advised only on the last Dense or Activation; after Flatten or pooling, the missing Dense is named', () => {
    const pooled = analyzeGraph(chain(['in', 'Input', { shape: [8, 8, 4] }], ['gap', 'GlobalAveragePooling2D']), { loss });
    expect(codes(pooled.errors)).toEqual([{ code: 'crossentropy-needs-softmax', nodeId: 'gap', param: undefined }]);
    expect(issueEn(pooled.errors[0])).toContain('add a Dense block with `units` = 4 and `activation` "softmax" after it');
    const activation = analyzeGraph(
      chain(['in', 'Input', { shape: [4] }], ['d', 'Dense', { units: 3 }], ['act', 'Activation', { activation: 'relu' }]),
      { loss },
    );
    expect(codes(activation.errors)).toEqual([{ code: 'crossentropy-needs-softmax', nodeId: 'act', param: 'activation' }]);
  });

  it('cross-entropy on a single unit, and binary cross-entropy without sigmoid', () => {
    const oneUnit = chain(['in', 'Input', { shape: [2] }], ['out', 'Dense', { units: 1, activation: 'softmax' }]);
    expect(codes(analyzeGraph(oneUnit, { loss }).errors)).toEqual([{ code: 'crossentropy-one-unit', nodeId: 'out', param: 'units' }]);
    expect(issueEn(analyzeGraph(oneUnit, { loss, classes: 2 }).errors[0])).toBe(
      'The output block "out" has 1 unit but the data set has 2 classes: set `units` to 2.',
    );
    const binary = analyzeGraph(chain(['in', 'Input', { shape: [2] }], ['out', 'Dense', { units: 1, activation: 'relu' }]), {
      loss: 'binaryCrossentropy',
      classes: 2,
    });
    expect(codes(binary.errors)).toEqual([{ code: 'binary-needs-sigmoid', nodeId: 'out', param: 'activation' }]);
    expect(
      analyzeGraph(chain(['in', 'Input', { shape: [2] }], ['out', 'Dense', { units: 1, activation: 'sigmoid' }]), {
        loss: 'binaryCrossentropy',
        classes: 2,
      }).valid,
    ).toBe(true);
  });

  it("with the data set's class count: the output units must match it", () => {
    const graph = chain(['in', 'Input', { shape: [784] }], ['out', 'Dense', { units: 5, activation: 'softmax' }]);
    expect(analyzeGraph(graph, { loss }).valid).toBe(true);
    const analysis = analyzeGraph(graph, { loss, classes: 10 });
    expect(codes(analysis.errors)).toEqual([{ code: 'output-units-classes', nodeId: 'out', param: 'units' }]);
    expect(issueTexts(analysis.errors[0])).toEqual({
      en: 'The output block "out" has 5 units but the data set has 10 classes: set `units` to 10.',
      fr: 'Le bloc de sortie « out » a 5 unités, mais le jeu de données a 10 classes : réglez `units` sur 10.',
    });
  });

  it('two Inputs cannot train', () => {
    const graph = twoInputsJoined([4], [4]);
    expect(analyzeGraph(graph).valid).toBe(true);
    expect(codes(analyzeGraph(graph, { loss }).errors)).toEqual([{ code: 'several-inputs', nodeId: 'b', param: undefined }]);
  });
});

describe('messages in French', () => {
  const broken: [string, Graph, string?][] = [
    ['empty graph', { nodes: [], edges: [] }],
    ['no Input', chain(['d', 'Dense', { units: 4 }])],
    ['bad parameter and unknown parameter', chain(['in', 'Input', { shape: [4] }], ['d', 'Dense', { units: -1, unit: 3 }])],
    ['kernel larger than the image', chain(['in', 'Input', { shape: [4, 4, 1] }], ['c', 'Conv2D', { filters: 2, kernelSize: 5 }])],
    ['pooling window larger than the image', chain(['in', 'Input', { shape: [2, 2, 1] }], ['p', 'MaxPooling2D', { poolSize: 3 }])],
    ['Conv2D on a vector', chain(['in', 'Input', { shape: [8] }], ['c', 'Conv2D'])],
    [
      'Dense on an image, linear stack, wrong output activation',
      chain(['in', 'Input', { shape: [4, 4, 1] }], ['d1', 'Dense', { units: 3 }], ['f', 'Flatten'], ['d2', 'Dense', { units: 2 }]),
      'categoricalCrossentropy',
    ],
    [
      'a loop',
      graphOf(
        [
          ['in', 'Input', { shape: [2] }],
          ['a', 'Dense'],
          ['b', 'Dense'],
        ],
        [
          ['in', 'a'],
          ['a', 'b'],
          ['b', 'a'],
        ],
      ),
    ],
    ['an unknown block type', chain(['in', 'Input', { shape: [2] }], ['x', 'Dence'])],
    [
      'an output that is not one value per class',
      chain(['in', 'Input', { shape: [6, 6, 32] }], ['d', 'Dense', { units: 3, activation: 'softmax' }]),
      'categoricalCrossentropy',
    ],
    ['an unfinished graph', chain(['in', 'Input', { shape: [8, 8, 1] }], ['c', 'Conv2D', { filters: 2 }]), 'categoricalCrossentropy'],
    ['cross-entropy on one unit', chain(['in', 'Input', { shape: [2] }], ['d', 'Dense', { units: 1 }]), 'sparseCategoricalCrossentropy'],
    ['binary cross-entropy after Flatten', chain(['in', 'Input', { shape: [2, 2] }], ['f', 'Flatten']), 'binaryCrossentropy'],
  ];

  for (const [what, graph, loss] of broken) {
    it(`${what}: every issue has a French text of its own, naming the same block`, () => {
      const analysis = analyzeGraph(graph, { loss });
      const issues = [...analysis.errors, ...analysis.warnings];
      expect(issues.length).toBeGreaterThan(0);
      for (const i of issues) {
        expect(issueTexts(i).fr).not.toBe(issueTexts(i).en);
        expect(issueTexts(i).fr).toMatch(/[éèàùâêîôûç’«]| le | la | les | des /);
        if (i.nodeId && issueTexts(i).en.includes(i.nodeId)) expect(issueTexts(i).fr).toContain(i.nodeId);
      }
    });
  }
});

describe('the largest graphs the project format admits (10,000 blocks, 100,000 connections)', () => {
  const MAX_NODES = 10_000;
  const MAX_EDGES = 100_000;

  /**
   * Analysis time and the total length of its messages: both must grow linearly with the graph.
   * The time is the CPU time this process spent, so that other work on a busy machine does not count.
   */
  function analyseTimed(graph: Graph) {
    const start = process.cpuUsage();
    const analysis = analyzeGraph(graph);
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    const all = [...analysis.errors, ...analysis.warnings];
    return { analysis, ms, textLength: all.reduce((sum, i) => sum + issueTexts(i).en.length + issueTexts(i).fr.length, 0) };
  }

  it('9,999 outputs: one warning each, naming a few outputs and counting the rest, in well under a second', () => {
    const nodes: GraphNode[] = [{ id: 'in', type: 'Input', params: { shape: [4] } }];
    for (let i = 1; i < MAX_NODES; i++) nodes.push({ id: `out${i}`, type: 'Dense', params: { units: 2, activation: 'softmax' } });
    const graph: Graph = { nodes, edges: nodes.slice(1).map((n) => ({ source: 'in', target: n.id })) };
    const { analysis, ms, textLength } = analyseTimed(graph);
    const warnings = analysis.warnings.filter((w) => w.code === 'several-outputs');
    expect(warnings).toHaveLength(MAX_NODES - 1);
    expect(issueTexts(warnings[0]).en).toMatch(/^The graph ends in 9999 places \(out1, out2, .*, out8 and 9991 more\)/);
    expect(issueTexts(warnings[0]).fr).toContain('out8 et 9991 autres');
    expect(issueTexts(warnings[5]).en).toContain('If "out6" is not meant to be an output');
    // Each message stays short: a few hundred characters, not one per output of the graph.
    expect(textLength / warnings.length).toBeLessThan(800);
    expect(ms).toBeLessThan(1000);
  });

  it('a loop through 9,999 blocks: one error each, of bounded length, in well under a second', () => {
    const nodes: GraphNode[] = [{ id: 'in', type: 'Input', params: { shape: [4] } }];
    for (let i = 1; i < MAX_NODES; i++) nodes.push({ id: `d${i}`, type: 'Dense', params: { units: 4 } });
    const edges = nodes.slice(2).map((n, i) => ({ source: nodes[i + 1].id, target: n.id }));
    edges.push({ source: `d${MAX_NODES - 1}`, target: 'd1' });
    const { analysis, ms, textLength } = analyseTimed({ nodes, edges });
    const cycles = analysis.errors.filter((e) => e.code === 'cycle');
    expect(cycles).toHaveLength(MAX_NODES - 1);
    expect(issueTexts(cycles[0]).en).toContain('d1 → d2 → d3 → d4 → d5 → d6 → d7 → d8 and 9991 more');
    expect(textLength / (analysis.errors.length + analysis.warnings.length)).toBeLessThan(800);
    expect(ms).toBeLessThan(1000);
  });

  it('100,000 connections between 10,000 blocks (merges and repeated connections) in well under a second', () => {
    const nodes: GraphNode[] = [{ id: 'in', type: 'Input', params: { shape: [4] } }];
    const edges: Graph['edges'] = [];
    for (let i = 1; i < MAX_NODES; i++) {
      nodes.push({ id: `c${i}`, type: 'Concatenate', params: {} });
      for (let k = 0; k < 10 && edges.length < MAX_EDGES; k++)
        edges.push({ source: i === 1 ? 'in' : `c${Math.max(1, i - 1 - (k % 3))}`, target: `c${i}` });
    }
    const { analysis, ms } = analyseTimed({ nodes, edges });
    expect(analysis.nodes[`c${MAX_NODES - 1}`]).toBeDefined();
    expect(ms).toBeLessThan(1000);
  });
});
