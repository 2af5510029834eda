// The service side of the pretrained bases' catalogue: the list with each file's state, and the
// downloads, whose progress goes out as onBaseDownloadProgress events.
import type { BaseDownloadProgress, PretrainedBaseInfo } from '../api/contract';
import { UserFacingError } from '../api/contract';
import type { PretrainedCache } from '../catalogue/cache';
import { baseFacts, pretrainedBase, pretrainedBases, type PretrainedBaseEntry } from '../catalogue/entries';
import { Emitter } from './emitter';

export class PretrainedBases {
  readonly progress = new Emitter<BaseDownloadProgress>();

  constructor(readonly cache: PretrainedCache) {}

  entry(baseId: string): PretrainedBaseEntry {
    const entry = pretrainedBase(baseId);
    if (!entry)
      throw new UserFacingError(
        { en: `There is no pretrained base "${baseId}" in the catalogue.`, fr: `Il n’y a pas de base pré-entraînée « ${baseId} » dans le catalogue.` },
        'not-found',
      );
    return entry;
  }

  async info(entry: PretrainedBaseEntry): Promise<PretrainedBaseInfo> {
    return { ...baseFacts(entry), ...(await this.cache.state(entry)) };
  }

  list(): Promise<PretrainedBaseInfo[]> {
    return Promise.all(pretrainedBases.map((entry) => this.info(entry)));
  }

  async download(baseId: string): Promise<PretrainedBaseInfo> {
    const entry = this.entry(baseId);
    await this.cache.download(entry, (p) => this.progress.fire({ baseId, received: p.received, ...(p.total !== undefined ? { total: p.total } : {}) }));
    return this.info(entry);
  }
}
