// The export area of the API: an untrained model from the project, or a recorded run's weights,
// in any of the export formats (written by ./export).
import { problem } from '../i18n/catalogue';
import { UserFacingError, type ExportApi, type ExportRequest, type ExportResult } from '../api/contract';
import { analyzeGraph } from '../model/analyze';
import { exportModel } from './export';
import { checkedProject } from './project-access';
import type { ServiceContext } from './service-context';

export class ExportService implements ExportApi {
  constructor(private readonly context: ServiceContext) {}

  async exportModel(request: ExportRequest): Promise<ExportResult> {
    const checked = checkedProject(request?.project, 'exported');
    if (request.runId === undefined) {
      const analysis = analyzeGraph(checked.graph, { loss: checked.training.loss });
      if (!analysis.valid) {
        const first = analysis.errors[0];
        throw new UserFacingError(problem('export:graphErrors', { first: first.problem }), 'invalid-graph', analysis.errors);
      }
    }
    return exportModel(request, checked, await this.context.projectsDirectory(), this.context.version);
  }
}
