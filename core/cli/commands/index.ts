import type { Command } from '../io';

/** Every CLI command, loaded only when it is run so that `summary` never pays for TensorFlow.js. */
export const commands = {
  summary: { summary: 'Print a Keras-like summary of a project and check it', load: () => import('./summary') },
  runs: { summary: 'List the training runs recorded in a project file', load: () => import('./runs') },
} satisfies Record<string, { summary: string; load: () => Promise<Command> }>;

export type CommandName = keyof typeof commands;
