// The training area of the API: starting a run (checked first), continuing a recorded one,
// pausing, resuming and stopping, and the page's side of a run trained on its GPU.
import { totalmem } from 'node:os';
import {
  UserFacingError,
  type ContinuedRun,
  type PageTrainingJob,
  type PageTrainingReport,
  type TrainingApi,
  type TrainingStartOptions,
} from '../api/contract';
import { analyzeGraph } from '../model/analyze';
import type { Project } from '../model/project';
import { checkedProject, runsFile } from './project-access';
import { checkedRunId } from './run-history';
import type { ServiceContext } from './service-context';
import { problem } from '../i18n/catalogue';

export class TrainingService implements TrainingApi {
  constructor(private readonly context: ServiceContext) {}

  async startTraining(project: Project, options: TrainingStartOptions = {}): Promise<{ sessionId: string }> {
    const checked = checkedProject(project, 'trained');
    const analysis = analyzeGraph(checked.graph, {
      loss: checked.training.loss,
      memory: { bytes: totalmem(), training: checked.training },
    });
    if (!analysis.valid) {
      const first = analysis.errors[0];
      throw new UserFacingError(
        problem('train:fixErrorsFirst', { count: analysis.errors.length, first: first.problem }),
        'invalid-graph',
        analysis.errors,
      );
    }
    if (!checked.dataset) throw new UserFacingError(problem('train:noDataset', {}), 'no-dataset');
    return this.context.training.startTraining(checked, options ?? {}, { python: (await this.context.settings.read()).python });
  }

  async continueRun(location: string, runId: number): Promise<ContinuedRun> {
    const file = await runsFile(this.context, location);
    return this.context.training.continueRecordedRun(file, checkedRunId(runId));
  }

  pauseTraining(): Promise<void> {
    return this.context.training.pause();
  }

  resumeTraining(): Promise<void> {
    return this.context.training.resume();
  }

  stopTraining(): Promise<void> {
    return this.context.training.stop();
  }

  pageTrainingJob(): Promise<PageTrainingJob> {
    return this.context.training.page.job();
  }

  pageTrainingData(sessionId: string, part: number): Promise<{ base64: string }> {
    return this.context.training.page.data(sessionId, part);
  }

  reportPageTraining(report: PageTrainingReport): Promise<void> {
    return this.context.training.page.report(report);
  }
}
