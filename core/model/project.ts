import { z } from 'zod';
import { problem } from '../i18n/catalogue';
import type { Graph } from './graph';
import { imageFits } from './image-fit';

export const PROJECT_FORMAT = 'neuroblocks.project';
export const PROJECT_VERSION = 1;

const id = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

const nodeSchema = z.strictObject({
  id,
  type: z.string().min(1, 'must name a block type, e.g. "Conv2D"'),
  params: z.record(z.string(), z.unknown()).default({}),
  position: z.strictObject({ x: z.number(), y: z.number() }).optional(),
  group: id.optional(),
});

const groupSchema = z.strictObject({
  id,
  name: z.string().max(200),
  source: z.string().max(1000).optional(),
  collapsed: z.boolean().optional(),
});

const edgeSchema = z.strictObject({ source: id, target: id });

export const graphSchema = z
  .strictObject({
    nodes: z.array(nodeSchema).max(10_000),
    edges: z.array(edgeSchema).max(100_000),
    groups: z.array(groupSchema).max(1_000).optional(),
  })
  .superRefine((graph, ctx) => {
    const groups = new Set<string>();
    graph.groups?.forEach((group, i) => {
      if (groups.has(group.id))
        ctx.addIssue({
          code: 'custom',
          path: ['groups', i, 'id'],
          message: `is "${group.id}", the id of another group`,
          params: { problem: problem('project:groupIdTaken', { id: group.id }) },
        });
      groups.add(group.id);
    });
    graph.nodes.forEach((node, i) => {
      if (node.group !== undefined && !groups.has(node.group))
        ctx.addIssue({
          code: 'custom',
          path: ['nodes', i, 'group'],
          message: `is "${node.group}", but the graph has no group of that id (add it to "groups" or remove "group" from the block)`,
          params: { problem: problem('project:noSuchGroup', { id: node.group }) },
        });
    });
  });

export const builtinDatasets = ['mnist', 'fashion-mnist', 'spirals', 'xor', 'circles', 'gaussians'] as const;

export const datasetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('builtin'),
    name: z.enum(builtinDatasets),
    /** Number of samples to use (MNIST, Fashion-MNIST: a class-balanced subset of the training split; 2-D sets: how many to generate). */
    size: z.number().int().min(10).max(1_000_000).optional(),
    /** Noise of the generated 2-D sets, 0 (clean) to 1. */
    noise: z.number().min(0).max(1).optional(),
    /**
     * MNIST, Fashion-MNIST: only these classes (by their number in the whole set, e.g. [5, 6, 7, 8, 9]),
     * in training and in the test; they are numbered 0, 1, … in this order and keep their names ("5"…"9").
     */
    classes: z
      .array(z.number().int().min(0).max(9))
      .min(2, 'must keep at least 2 classes')
      .max(10)
      .refine((c) => new Set(c).size === c.length, {
        message: 'must name each class once',
        params: { problem: problem('project:classTwice', {}) },
      })
      .optional(),
    /** MNIST, Fashion-MNIST: at most this many training images of each class (e.g. 50 for a few-images exercise). */
    perClass: z.number().int().min(1).max(60_000).optional(),
  }),
  z.strictObject({
    kind: z.literal('imageFolder'),
    path: z.string().min(1),
    /**
     * How images whose proportions differ from the Input block's are fitted to it: letter-boxed
     * (new data sets), centre-cropped, or stretched. A project saved before the choice existed has
     * none: it is read as `stretch`, what its runs did (see parseProject).
     */
    fit: z.enum(imageFits).optional(),
  }),
  z.strictObject({ kind: z.literal('csv'), path: z.string().min(1), labelColumn: z.string().min(1) }),
  /** A folder of IDX files (MNIST's format: EMNIST, KMNIST, …). */
  z.strictObject({ kind: z.literal('idx'), path: z.string().min(1) }),
  /** CIFAR-10 or CIFAR-100 in its binary format: the .tar.gz archive or a folder of its .bin files. */
  z.strictObject({ kind: z.literal('cifar'), path: z.string().min(1) }),
]);

export const optimizers = ['sgd', 'adagrad', 'rmsprop', 'adam'] as const;
export const losses = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
] as const;
export const regressionLosses: readonly string[] = ['meanSquaredError', 'meanAbsoluteError'];
export const monitors = ['valLoss', 'valAccuracy', 'loss', 'accuracy'] as const;

export const trainingSchema = z.strictObject({
  optimizer: z.enum(optimizers).default('adam'),
  learningRate: z.number().gt(0, 'must be greater than 0').max(10).default(0.001),
  momentum: z.number().min(0).max(1).optional(),
  nesterov: z.boolean().optional(),
  loss: z.enum(losses).default('categoricalCrossentropy'),
  batchSize: z.number().int().min(1).max(65_536).default(32),
  epochs: z.number().int().min(1).max(100_000).default(10),
  validationSplit: z.number().min(0).max(0.9).default(0.2),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /** Standardise inputs as (x − mean) / σ computed on the training data. */
  normalize: z.boolean().optional(),
  earlyStopping: z
    .strictObject({
      monitor: z.enum(monitors).default('valLoss'),
      patience: z.number().int().min(0).max(10_000).default(3),
      minDelta: z.number().min(0).default(0),
      restoreBestWeights: z.boolean().default(true),
    })
    .optional(),
  reduceLrOnPlateau: z
    .strictObject({
      monitor: z.enum(monitors).default('valLoss'),
      factor: z.number().gt(0).lt(1).default(0.5),
      patience: z.number().int().min(0).max(10_000).default(2),
      minLr: z.number().min(0).default(1e-6),
    })
    .optional(),
});

export const projectSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  version: z.number().int().min(1),
  name: z.string().max(200).default('Untitled'),
  description: z.string().max(10_000).optional(),
  graph: graphSchema,
  dataset: datasetSchema.optional(),
  training: trainingSchema.default(() => trainingSchema.parse({})),
});

export type Project = z.infer<typeof projectSchema>;
export type TrainingSettings = z.infer<typeof trainingSchema>;
export type DatasetRef = z.infer<typeof datasetSchema>;

// Compile-time check that the schema's graph is the model's Graph.
const _graphMatches: Graph = {} as z.infer<typeof graphSchema>;
void _graphMatches;
