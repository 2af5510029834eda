import { problemText } from '../i18n/translate';
import type { Problem } from '../i18n/catalogue';

/** An error or a warning about the graph, tied to the node (and parameter) at fault. */
export interface GraphIssue {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `kernel-too-large`. */
  code: string;
  /** What is wrong, as a code of the message catalogue and its parameters: the interface and the command line word it in their language. */
  problem: Problem;
  nodeId?: string;
  param?: string;
}

export function issue(severity: GraphIssue['severity'], code: string, problem: Problem, nodeId?: string, param?: string): GraphIssue {
  return { severity, code, problem, ...(nodeId !== undefined ? { nodeId } : {}), ...(param !== undefined ? { param } : {}) };
}

/** The sentence of an issue in a language (an i18next language tag such as `fr-FR` will do), from its problem. */
export function issueText(issue: Pick<GraphIssue, 'problem'>, language: string): string {
  return problemText(issue.problem, language);
}

/**
 * Thrown by a block's shape rule when its input cannot work with its parameters.
 * The inference engine turns it into a GraphIssue on that node, the sentence opening with the block.
 */
export class ShapeError extends Error {
  constructor(
    readonly problem: Problem,
    readonly param?: string,
    readonly code = 'shape',
  ) {
    super(problemText(problem, 'en'));
  }
}
