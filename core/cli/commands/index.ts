import type { Command } from '../io';

/** Every CLI command, loaded only when it is run so that `summary` never pays for TensorFlow.js. */
export const commands = {
  summary: { summary: 'Print a Keras-like summary of a project and check it', load: () => import('./summary') },
  train: { summary: 'Train a project on its data set and report the test accuracy', load: () => import('./train') },
  serve: { summary: 'Serve the app to a browser on this computer and print its address', load: () => import('./serve') },
  start: { summary: 'Open the desktop app (or, where it cannot run, the app in a browser)', load: () => import('./start') },
  runs: { summary: 'List the training runs recorded in a project file', load: () => import('./runs') },
  export: {
    summary: 'Export a model to TF.js, ONNX, PyTorch, Keras, a notebook, a web demo page or a training job folder',
    load: () => import('./export'),
  },
  'import-model': {
    summary: 'Import a pretrained network (ONNX) as a new project file with its weights',
    load: () => import('./import-model'),
  },
  'import-run': { summary: 'Record the result of a training job folder as a run of a project file', load: () => import('./import-run') },
} satisfies Record<string, { summary: string; load: () => Promise<Command> }>;

export type CommandName = keyof typeof commands;
