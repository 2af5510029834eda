// The service side of the pretrained bases' catalogue: the list with each file's state, and the
// downloads, whose progress goes out as onBaseDownloadProgress events.
import type { AddedPretrainedBase, BaseDownloadProgress, PretrainedBaseInfo } from '../api/contract';
import { UserFacingError } from '../api/contract';
import { problem } from '../i18n/catalogue';
import type { PretrainedCache } from '../catalogue/cache';
import { baseFacts, pretrainedBase, pretrainedBases, type PretrainedBaseEntry } from '../model/bases/entries';
import { fillBase, holdsBase } from '../catalogue/fill';
import { readKerasWeightsFile } from '../catalogue/keras-weights';
import type { ImportedWeight } from '../import/types';
import { BaseError, insertBase } from '../model/base-group';
import { errorProblem } from '../model/localized';
import type { Project } from '../model/project';
import type { NamedWeight } from '../store/weights';
import { Emitter } from './emitter';

/** Where a project's new graph and pretrained weights are kept (its `.nbproj` file). */
export type KeepBase = (project: Project, weights: NamedWeight[], source: string) => Promise<void>;

const stored = (weights: ImportedWeight[]): NamedWeight[] =>
  weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32', data: w.data }));

export class PretrainedBases {
  readonly progress = new Emitter<BaseDownloadProgress>();

  constructor(readonly cache: PretrainedCache) {}

  entry(baseId: string): PretrainedBaseEntry {
    const entry = pretrainedBase(baseId);
    if (!entry) throw new UserFacingError(problem('bases:unknownBase', { base: baseId }), 'not-found');
    return entry;
  }

  async info(entry: PretrainedBaseEntry): Promise<PretrainedBaseInfo> {
    return { ...baseFacts(entry), ...(await this.cache.state(entry)) };
  }

  list(): Promise<PretrainedBaseInfo[]> {
    return Promise.all(pretrainedBases.map((entry) => this.info(entry)));
  }

  /** The side of the project's square colour Input, which the base is built for; refused, naming the Input block and the fix, when it cannot take the base. */
  private inputSide(project: Project, entry: PretrainedBaseEntry): number {
    const inputs = project.graph.nodes.filter((n) => n.type === 'Input');
    const input = inputs[0];
    const shape = input?.params.shape as number[] | undefined;
    if (
      inputs.length === 1 &&
      Array.isArray(shape) &&
      shape.length === 3 &&
      shape[0] === shape[1] &&
      shape[2] === 3 &&
      shape[0] >= entry.inputSize.min
    )
      return shape[0];
    const min = entry.inputSize.min;
    throw new UserFacingError(
      inputs.length !== 1
        ? problem('bases:oneInput', { base: entry.name, count: inputs.length })
        : problem('bases:inputShape', {
            base: entry.name,
            min,
            id: input.id,
            shape: Array.isArray(shape) ? shape : null,
            side: entry.inputSize.default,
          }),
      'base-input',
    );
  }

  /**
   * Adds a downloaded base to a project: a project that already holds the base's layers under
   * Keras's names (the course's VGG16 example) has them filled with the real weights, the
   * preprocessing put in front; any other gets the base, frozen, with its preprocessing, as a
   * group right after its Input. The new graph and the weights are kept by `keep`.
   */
  async add(baseId: string, project: Project, keep: KeepBase): Promise<AddedPretrainedBase> {
    const entry = this.entry(baseId);
    const side = this.inputSide(project, entry);
    if ((await this.cache.state(entry)).state !== 'downloaded')
      throw new UserFacingError(problem('bases:notDownloaded', { base: entry.name }), 'not-downloaded');
    const source = `${entry.name}, ImageNet (Keras Applications: ${entry.download.file})`;
    if (holdsBase(project.graph, entry)) {
      const filled = fillBase(project.graph, entry, await readKerasWeightsFile(this.cache.file(entry)));
      const next: Project = { ...project, graph: filled.graph };
      await keep(next, stored(filled.weights), source);
      return { project: next, filled: true, weights: filled.weights.length };
    }
    const assembled = await this.cache.assemble(entry, side);
    let inserted;
    try {
      inserted = insertBase(project, { name: entry.name, source, graph: assembled.graph, weights: stored(assembled.weights) });
    } catch (error) {
      if (error instanceof BaseError) throw new UserFacingError(errorProblem(error), 'base');
      throw error;
    }
    await keep(inserted.project, inserted.weights, source);
    return { project: inserted.project, filled: false, groupId: inserted.group.id, weights: inserted.weights.length };
  }

  async download(baseId: string): Promise<PretrainedBaseInfo> {
    const entry = this.entry(baseId);
    await this.cache.download(entry, (p) =>
      this.progress.fire({ baseId, received: p.received, ...(p.total !== undefined ? { total: p.total } : {}) }),
    );
    return this.info(entry);
  }
}
