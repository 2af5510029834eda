import { problemText, problemTexts } from '../i18n/translate';
import type { Problem } from '../i18n/catalogue';
import type { Localized } from './params';

/** An error or a warning about the graph, tied to the node (and parameter) at fault. */
export interface GraphIssue {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `kernel-too-large`. */
  code: string;
  /** What is wrong, as a code of the message catalogue and its parameters: the interface and the command line word it in their language. */
  problem: Problem;
  nodeId?: string;
  param?: string;
  /** In English, for logs (the sentence of `problem`). */
  message: string;
  /** The sentence of `problem` in every language, made when read, for callers that do not render problems yet. */
  text: Localized;
}

/**
 * An issue as `issue()` makes it: its sentences are made from its problem when read (a graph of
 * thousands of blocks may have an issue on each, most never shown), and its JSON has them.
 */
class IssueRecord implements GraphIssue {
  declare severity: GraphIssue['severity'];
  declare code: string;
  declare problem: Problem;
  declare nodeId?: string;
  declare param?: string;
  get message(): string {
    return problemText(this.problem, 'en');
  }
  get text(): Localized {
    return problemTexts(this.problem);
  }
  toJSON() {
    return { ...this, message: this.message, text: this.text };
  }
}

export function issue(severity: GraphIssue['severity'], code: string, problem: Problem, nodeId?: string, param?: string): GraphIssue {
  const result = new IssueRecord();
  result.severity = severity;
  result.code = code;
  result.problem = problem;
  if (nodeId !== undefined) result.nodeId = nodeId;
  if (param !== undefined) result.param = param;
  return result;
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
  readonly text: Localized;
  constructor(
    readonly problem: Problem,
    readonly param?: string,
    readonly code = 'shape',
  ) {
    const text = problemTexts(problem);
    super(text.en);
    this.text = text;
  }
}
