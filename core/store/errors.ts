import { problem, type Problem } from '../i18n/catalogue';
import { LocalizedError } from '../model/localized';

/** Why a project file could not be opened or written. The problem is for the user (in the catalogue's words); the code is for the app. */
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

/** A refusal of the project store, said by a problem of the catalogue (its `store` namespace, mostly). */
export class StoreError extends LocalizedError {
  constructor(
    readonly code: StoreErrorCode,
    what: Problem,
    options?: { cause?: unknown },
  ) {
    super(what, options);
    this.name = 'StoreError';
  }
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What was being done when a write failed, as the sentences of `store:write…` name it (with its epoch or run where it has one). */
export type WriteAction =
  | { action: 'open' | 'create' | 'save' | 'autosave' | 'restore' | 'import' | 'recordDataset' | 'keepPretrained' }
  | { action: 'removePretrained' | 'startRun' | 'finishRun' | 'recordEvaluation' | 'recordExport' | 'saveCopy' }
  | { action: 'recordEpoch' | 'saveCheckpoint'; epoch: number }
  | { action: 'deleteRun' | 'resumeRun'; runId: number };

/** A run's status as a key of the catalogue's `store:status_…` (`early-stopped` → `earlyStopped`). */
export function statusKey(status: string): string {
  return status.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Turns an SQLite failure during a write into a message a user can act on. The transaction that
 * failed was rolled back by SQLite, so the previous state is intact; the messages say so.
 * `action` is what was being done (`{ action: 'save' }`: "Could not save the project").
 */
export function writeError(error: unknown, action: WriteAction, path: string): Error {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error) ?? '';
  const said = { ...action, path };
  if (code === 'SQLITE_FULL') return new StoreError('disk-full', problem('store:writeDiskFull', said), { cause: error });
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return new StoreError('read-only', problem('store:writeReadOnly', said), { cause: error });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StoreError('busy', problem('store:writeBusy', said), { cause: error });
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new StoreError('damaged', problem('store:writeDamaged', said), { cause: error });
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
    return new StoreError('io', problem('store:writeIo', { ...said, code }), { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
