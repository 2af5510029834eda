import type { GraphIssue } from '../model/issues';

/** Thrown when a graph cannot be compiled; lists every error of the analysis, each tied to its block. */
export class GraphError extends Error {
  constructor(readonly issues: GraphIssue[]) {
    super(
      issues.length === 1
        ? `The model cannot be built: ${issues[0].message}`
        : `The model cannot be built; fix these ${issues.length} problems first:\n${issues.map((i) => `- ${i.message}`).join('\n')}`,
    );
    this.name = 'GraphError';
  }
}
