// The pretrained bases' weights files, downloaded once into the user data folder
// (`pretrained/` of the settings folder) with progress, checked against Keras's published
// checksum, resumed where the server allows it, and read from there afterwards.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { download, DownloadUnreachable, type DownloadProgress } from '../data/download';
import { UserFacingError } from '../api/contract';
import { problem } from '../i18n/catalogue';
import { assembleBase, type AssembledBase } from './assemble';
import type { PretrainedBaseEntry } from '../model/bases/entries';
import { readKerasWeightsFile } from './keras-weights';

export type BaseFileState = 'downloaded' | 'partial' | 'absent';

/** Where a base's file is downloaded from: the official address, or `NEUROBLOCKS_PRETRAINED_URL` + its file name (a mirror, or a test server). */
export function baseAddress(entry: PretrainedBaseEntry, env: NodeJS.ProcessEnv = process.env): string {
  const mirror = env.NEUROBLOCKS_PRETRAINED_URL?.trim();
  return mirror ? `${mirror.replace(/\/+$/, '')}/${entry.download.file}` : entry.download.url;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

export class PretrainedCache {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    readonly dir: string,
    private readonly address: (entry: PretrainedBaseEntry) => string = (entry) => baseAddress(entry),
  ) {}

  file(entry: PretrainedBaseEntry): string {
    return path.join(this.dir, entry.download.file);
  }

  /** Whether the file is here (complete and checked), partly downloaded, or absent; with the bytes on disk. */
  async state(entry: PretrainedBaseEntry): Promise<{ state: BaseFileState; bytes?: number }> {
    const complete = await sizeOf(this.file(entry));
    if (complete !== undefined) return { state: 'downloaded', bytes: complete };
    const part = await sizeOf(`${this.file(entry)}.part`);
    return part ? { state: 'partial', bytes: part } : { state: 'absent' };
  }

  /**
   * Downloads the base's file unless it is already here (then nothing is asked of the server).
   * Two calls for one base share the same download. Offline, says so and points to importing a
   * network from a file.
   */
  download(entry: PretrainedBaseEntry, onProgress?: (progress: DownloadProgress) => void): Promise<void> {
    const known = this.running.get(entry.id);
    if (known) return known;
    const job = this.fetch(entry, onProgress).finally(() => this.running.delete(entry.id));
    this.running.set(entry.id, job);
    return job;
  }

  private async fetch(entry: PretrainedBaseEntry, onProgress?: (progress: DownloadProgress) => void): Promise<void> {
    if ((await this.state(entry)).state === 'downloaded') return;
    const url = this.address(entry);
    try {
      await download(url, this.file(entry), onProgress, {
        resume: true,
        ...(entry.download.checksum ? { checksum: entry.download.checksum } : {}),
      });
    } catch (error) {
      if (error instanceof DownloadUnreachable)
        throw new UserFacingError(problem('bases:offline', { base: entry.name, url, why: error.why }), 'offline');
      throw error;
    }
  }

  /** The base ready for a project: its graph at a square input `size` with its preprocessing, and the downloaded file's weights. */
  async assemble(entry: PretrainedBaseEntry, size = entry.inputSize.default): Promise<AssembledBase> {
    if ((await this.state(entry)).state !== 'downloaded')
      throw new UserFacingError(problem('bases:notDownloaded', { base: entry.name }), 'not-downloaded');
    return assembleBase(entry, await readKerasWeightsFile(this.file(entry)), size);
  }
}
