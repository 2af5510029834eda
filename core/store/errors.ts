/** Why a project file could not be opened or written. The message is for the user; the code is for the app. */
export type StoreErrorCode =
  | 'not-found'
  | 'not-a-file'
  | 'not-sqlite'
  | 'not-ours'
  | 'damaged'
  | 'newer-version'
  | 'too-large'
  | 'read-only'
  | 'disk-full'
  | 'busy'
  | 'io'
  | 'invalid'
  | 'closed'
  | 'exists'
  | 'not-found-in-file';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns an SQLite failure during a write into a message a user can act on. The transaction that
 * failed was rolled back by SQLite, so the previous state is intact; the messages say so.
 */
export function writeError(error: unknown, action: string, path: string): Error {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error) ?? '';
  if (code === 'SQLITE_FULL')
    return new StoreError('disk-full', `Could not ${action}: the disk is full (or the project reached its size limit). Nothing was lost: ${path} still holds what was saved before. Free some disk space and try again.`, { cause: error });
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return new StoreError('read-only', `Could not ${action}: ${path} is read-only (the file or its folder cannot be written to). Nothing was lost; use "Save as" to keep your work in a folder you can write to.`, { cause: error });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StoreError('busy', `Could not ${action}: ${path} is being written by another Neuroblocks window or program. Try again in a moment.`, { cause: error });
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new StoreError('damaged', `Could not ${action}: ${path} is damaged. Open a backup, or use "Save as" from a window that still has the project open.`, { cause: error });
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
    return new StoreError('io', `Could not ${action}: the disk reported an error while writing ${path} (${code}). Nothing that was saved before was lost; check the disk and try again.`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
