// The graph area of the API: the analysis the editor shows (shapes, parameters, errors).
import { UserFacingError, type GraphApi } from '../api/contract';
import { analyzeGraph, type GraphAnalysis } from '../model/analyze';
import type { Graph } from '../model/graph';
import { parseProject, ProjectError, projectProblems } from '../model/project-io';

export class GraphService implements GraphApi {
  async analyzeGraph(graph: Graph, options: { loss?: string } = {}): Promise<GraphAnalysis> {
    let checked: Graph;
    try {
      checked = parseProject({ nodes: graph?.nodes, edges: graph?.edges }).graph;
    } catch (error) {
      if (error instanceof ProjectError) {
        throw new UserFacingError(projectProblems(error.problems, 'project:notAnalysed'), 'project', error.problems);
      }
      throw error;
    }
    return analyzeGraph(checked, typeof options?.loss === 'string' ? { loss: options.loss } : {});
  }
}
