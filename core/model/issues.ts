/** An error or a warning about the graph, tied to the node (and parameter) at fault. */
export interface GraphIssue {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `kernel-too-large`. */
  code: string;
  nodeId?: string;
  param?: string;
  message: string;
}

export function issue(severity: GraphIssue['severity'], code: string, message: string, nodeId?: string, param?: string): GraphIssue {
  const result: GraphIssue = { severity, code, message };
  if (nodeId !== undefined) result.nodeId = nodeId;
  if (param !== undefined) result.param = param;
  return result;
}

/**
 * Thrown by a block's shape rule when its input cannot work with its parameters.
 * The inference engine turns it into a GraphIssue on that node.
 */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly param?: string,
    readonly code = 'shape',
  ) {
    super(message);
  }
}
