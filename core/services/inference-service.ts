// The inference area of the API: the model in use (a run of this session or a recorded
// checkpoint), its test samples, mistakes and predictions, a look inside it, and the augmentation
// preview of a project's training images.
import {
  UserFacingError,
  type AugmentationPreview,
  type AugmentationPreviewRequest,
  type ConvFilters,
  type InferenceApi,
  type InspectRequest,
  type Mistakes,
  type ModelInside,
  type ModelInUse,
  type Prediction,
  type TableInput,
  type TestSamples,
} from '../api/contract';
import { AugmentationPreviewer } from './augmentation-preview';
import { checkedProject } from './project-access';
import type { ServiceContext } from './service-context';
import { problem } from '../i18n/catalogue';

export class InferenceService implements InferenceApi {
  readonly #augmentation = new AugmentationPreviewer();

  constructor(private readonly context: ServiceContext) {}

  getTestSamples(request: { actual: number; predicted: number; limit?: number }): Promise<TestSamples> {
    return this.context.training.testSamples(request);
  }

  predict(values: number[]): Promise<Prediction> {
    return this.context.training.predict(values);
  }

  getTableInput(): Promise<TableInput | undefined> {
    return this.context.training.tableInput();
  }

  predictRow(cells: Record<string, string>): Promise<Prediction> {
    return this.context.training.predictRow(cells);
  }

  async previewAugmentation(request: AugmentationPreviewRequest): Promise<AugmentationPreview> {
    if (!request || typeof request !== 'object') throw new UserFacingError(problem('inference:whichProject', {}), 'bad-request');
    const { project, ...options } = request;
    return this.#augmentation.preview(checkedProject(project, 'previewed'), options);
  }

  inspectModel(request: InspectRequest): Promise<ModelInside> {
    return this.context.training.inspect(request);
  }

  getFilters(request: { nodeId?: string } = {}): Promise<ConvFilters> {
    return this.context.training.filters(request ?? {});
  }

  async loadRunModel(request: { location: string; runId: number; checkpoint?: 'best' | 'last' }): Promise<ModelInUse> {
    return this.context.training.loadRunModel(request, await this.context.projectsDirectory());
  }

  getModelInUse(): Promise<ModelInUse | undefined> {
    return this.context.training.modelInUse();
  }

  getConfidentMistakes(request?: { limit?: number }): Promise<Mistakes> {
    return this.context.training.mistakes(request);
  }
}
