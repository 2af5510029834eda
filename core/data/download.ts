// Downloads a data file into a cache folder with progress and a size check: the bytes go to a
// `.part` file that is renamed only once complete, so an interrupted download never passes for a
// finished one and starts again from the beginning next time.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from './types';

export interface DownloadProgress {
  /** The file being downloaded (its name). */
  file: string;
  received: number;
  /** Bytes expected, when the server says. */
  total?: number;
}

export type ProgressListener = (progress: DownloadProgress) => void;

const n = (x: number, lang: 'en' | 'fr') => x.toLocaleString(lang);

/** Why a download failed, for a message: the system's error code where there is one. */
function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** Thrown when the address cannot be reached at all (offline, no such host, refused). */
export class DownloadUnreachable extends Error {
  constructor(readonly url: string, readonly why: string) {
    super(`${url} cannot be reached (${why})`);
  }
}

/**
 * Downloads `url` to `destination`, reporting progress about every 1 % and at the end. The
 * received size must match the server's Content-Length; otherwise nothing is kept.
 */
export async function download(url: string, destination: string, onProgress?: ProgressListener): Promise<void> {
  const file = path.basename(destination);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    throw new DownloadUnreachable(url, reason(error));
  }
  if (!response.ok || !response.body) {
    throw new DataError({
      en: `Downloading ${url} failed: the server answered ${response.status} ${response.statusText}.`,
      fr: `Le téléchargement de ${url} a échoué : le serveur a répondu ${response.status} ${response.statusText}.`,
    });
  }
  const header = response.headers.get('content-length');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  await mkdir(path.dirname(destination), { recursive: true });
  const part = `${destination}.part`;
  const out = createWriteStream(part);
  let received = 0;
  let reported = -1;
  const report = () => {
    const step = total ? Math.floor((received / total) * 100) : Math.floor(received / 1_000_000);
    if (step !== reported || received === total) {
      reported = step;
      onProgress?.({ file, received, ...(total !== undefined ? { total } : {}) });
    }
  };
  try {
    onProgress?.({ file, received: 0, ...(total !== undefined ? { total } : {}) });
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      report();
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    await rm(part, { force: true });
    throw new DataError({
      en: `The download of ${url} was interrupted after ${n(received, 'en')}${total ? ` of ${n(total, 'en')}` : ''} bytes (${reason(error)}); nothing was kept, and it starts again from the beginning next time.`,
      fr: `Le téléchargement de ${url} a été interrompu après ${n(received, 'fr')}${total ? ` octets sur ${n(total, 'fr')}` : ' octets'} (${reason(error)}) ; rien n’a été gardé, et il reprendra depuis le début la prochaine fois.`,
    });
  }
  if (total !== undefined && received !== total) {
    await rm(part, { force: true });
    throw new DataError({
      en: `The download of ${url} stopped at byte ${n(received, 'en')} of ${n(total, 'en')}; nothing was kept, and it starts again from the beginning next time.`,
      fr: `Le téléchargement de ${url} s’est arrêté à l’octet ${n(received, 'fr')} sur ${n(total, 'fr')} ; rien n’a été gardé, et il reprendra depuis le début la prochaine fois.`,
    });
  }
  await rename(part, destination);
}
