// Uploads from a browser are staged in folders until they finish; a closed tab leaves one behind.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** A browser upload in progress: the name of the user's file, where its bytes are staged, and how many have come. */
export interface StagedUpload {
  fileName: string;
  staging: string;
  bytes: number;
}

/** How long a staging folder is left before it counts as abandoned: a day. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/** Removes the staging folders of `directory` (names starting with `prefix`) that no upload in progress uses (`active`) and that were last changed a day ago or more. */
export async function removeAbandonedUploads(directory: string, prefix: string, active: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || active.has(name)) continue;
    const info = await stat(path.join(directory, name)).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > ABANDONED_AFTER_MS) await rm(path.join(directory, name), { recursive: true, force: true });
  }
}
