// Project files for the tests, as a user would write them: blocks one after another, a data set and
// the training settings of a short run. Shared by the unit tests and the end-to-end specs.
import type { z } from 'zod';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project, type projectSchema, type trainingSchema } from './project';
import { parseProject } from './project-io';

/** A project file's JSON, before its defaults are filled in. */
export type ProjectJson = z.input<typeof projectSchema>;
type BlockJson = ProjectJson['graph']['nodes'][number];

/** A graph whose blocks follow one another in the order given: each one's output is the next one's input. */
export function chainGraph(...nodes: BlockJson[]): ProjectJson['graph'] {
  return { nodes, edges: nodes.slice(1).map((node, i) => ({ source: nodes[i].id, target: node.id })) };
}

/** The training settings of a short, reproducible run (Adam, categorical cross-entropy, a fifth held out, seed 1), with `changes` over them. */
export function shortTraining(changes: Partial<z.input<typeof trainingSchema>> = {}): z.input<typeof trainingSchema> {
  return {
    optimizer: 'adam',
    learningRate: 0.001,
    loss: 'categoricalCrossentropy',
    batchSize: 8,
    epochs: 1,
    validationSplit: 0.2,
    seed: 1,
    ...changes,
  };
}

/** What a project file holds besides its name and graph. */
type Rest = Omit<Partial<ProjectJson>, 'format' | 'version' | 'name' | 'graph'>;

/** A project file's JSON named `name`, of `graph` (e.g. a test graph's `chain(…)`), with `rest` (data set, training…) over it. */
export function projectJson(name: string, graph: ProjectJson['graph'], rest: Rest = {}): ProjectJson {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, name, graph, ...rest };
}

/** The project named `name` of `graph`, with `rest` over it, as opening its file gives it (defaults filled in). */
export function projectOf(name: string, graph: ProjectJson['graph'], rest: Rest = {}): Project {
  return parseProject(projectJson(name, graph, rest));
}

/** A project file's JSON named `name`, its blocks in a chain, with the data set and training settings given (none when left out). */
export function chainProject(
  name: string,
  nodes: BlockJson[],
  dataset?: ProjectJson['dataset'],
  training?: ProjectJson['training'],
): ProjectJson {
  return projectJson(name, chainGraph(...nodes), { ...(dataset && { dataset }), ...(training && { training }) });
}

/**
 * A classifier of the 16×16 RGB images in the image folder `folder` (a path from the projects
 * folder): Input, the `hidden` blocks, Flatten, and a softmax Dense of one unit a class.
 */
export function imageFolderClassifier(
  name: string,
  folder: string,
  classes: number,
  options: { hidden?: BlockJson[]; training?: ProjectJson['training'] } = {},
): ProjectJson {
  return chainProject(
    name,
    [
      { id: 'in', type: 'Input', params: { shape: [16, 16, 3] } },
      ...(options.hidden ?? []),
      { id: 'flat', type: 'Flatten', params: {} },
      { id: 'out', type: 'Dense', params: { units: classes, activation: 'softmax' } },
    ],
    { kind: 'imageFolder', path: folder },
    options.training,
  );
}
