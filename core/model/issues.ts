import type { Localized } from './params';

/** An error or a warning about the graph, tied to the node (and parameter) at fault. */
export interface GraphIssue {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `kernel-too-large`. */
  code: string;
  nodeId?: string;
  param?: string;
  /** In English, for the command line and logs. */
  message: string;
  /** The message in every language of the interface. */
  text: Localized;
}

export function issue(severity: GraphIssue['severity'], code: string, text: Localized, nodeId?: string, param?: string): GraphIssue {
  const result: GraphIssue = { severity, code, message: text.en, text };
  if (nodeId !== undefined) result.nodeId = nodeId;
  if (param !== undefined) result.param = param;
  return result;
}

/** The same text with something put in front of it in each language, e.g. the block it is about. */
export function prefixed(prefix: Localized | string, text: Localized): Localized {
  const before = typeof prefix === 'string' ? { en: prefix, fr: prefix } : prefix;
  return { en: `${before.en}${text.en}`, fr: `${before.fr}${text.fr}` };
}

/**
 * Thrown by a block's shape rule when its input cannot work with its parameters.
 * The inference engine turns it into a GraphIssue on that node.
 */
export class ShapeError extends Error {
  constructor(
    readonly text: Localized,
    readonly param?: string,
    readonly code = 'shape',
  ) {
    super(text.en);
  }
}
