import { problem } from '../i18n/catalogue';
import type { GraphIssue } from '../model/issues';
import { LocalizedError } from '../model/localized';

/** Thrown when a graph cannot be compiled; lists every error of the analysis, each tied to its block. */
export class GraphError extends LocalizedError {
  constructor(readonly issues: GraphIssue[]) {
    super(
      issues.length === 1
        ? problem('graph:cannotBuild', { first: issues[0].problem })
        : problem('graph:cannotBuildAll', { count: issues.length, problems: issues.map((i) => i.problem) }),
    );
    this.name = 'GraphError';
  }
}
