import { LocalizedError, type Localized } from '../model/localized';

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

export class StoreError extends LocalizedError {
  constructor(
    readonly code: StoreErrorCode,
    text: string | Localized,
    options?: { cause?: unknown },
  ) {
    super(text, options);
    this.name = 'StoreError';
  }
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A run's status as the French interface says it ("Run 3 is stopped" → « l’entraînement 3 est arrêté »). */
export const statusFr: Record<string, string> = {
  running: 'en cours',
  completed: 'terminé',
  stopped: 'arrêté',
  'early-stopped': 'arrêté tôt',
  diverged: 'divergé',
  interrupted: 'interrompu',
  failed: 'en échec',
};

/** "de" before an action in French, elided before a vowel: « Impossible d’ouvrir », « Impossible de créer ». */
export function frenchDe(action: string): string {
  return /^[aeiouyéèêh]/i.test(action) ? `d’${action}` : `de ${action}`;
}

/**
 * Turns an SQLite failure during a write into a message a user can act on. The transaction that
 * failed was rolled back by SQLite, so the previous state is intact; the messages say so.
 * `action` is what was being done, in English and French ("save the project").
 */
export function writeError(error: unknown, action: Localized, path: string): Error {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error) ?? '';
  const en = `Could not ${action.en}`;
  const fr = `Impossible ${frenchDe(action.fr)}`;
  if (code === 'SQLITE_FULL')
    return new StoreError(
      'disk-full',
      {
        en: `${en}: the disk is full (or the project reached its size limit). Nothing was lost: ${path} still holds what was saved before. Free some disk space and try again.`,
        fr: `${fr} : le disque est plein (ou le projet a atteint sa taille maximale). Rien n’a été perdu : ${path} contient toujours ce qui avait été enregistré. Libérez de l’espace disque et réessayez.`,
      },
      { cause: error },
    );
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return new StoreError(
      'read-only',
      {
        en: `${en}: ${path} is read-only (the file or its folder cannot be written to). Nothing was lost; use "Save as" to keep your work in a folder you can write to.`,
        fr: `${fr} : ${path} est en lecture seule (impossible d’écrire dans le fichier ou son dossier). Rien n’a été perdu ; utilisez « Enregistrer sous » pour garder votre travail dans un dossier où vous pouvez écrire.`,
      },
      { cause: error },
    );
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StoreError(
      'busy',
      {
        en: `${en}: ${path} is being written by another Neuroblocks window or program. Try again in a moment.`,
        fr: `${fr} : ${path} est en cours d’écriture par une autre fenêtre de Neuroblocks ou un autre programme. Réessayez dans un instant.`,
      },
      { cause: error },
    );
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new StoreError(
      'damaged',
      {
        en: `${en}: ${path} is damaged. Open a backup, or use "Save as" from a window that still has the project open.`,
        fr: `${fr} : ${path} est endommagé. Ouvrez une sauvegarde, ou utilisez « Enregistrer sous » depuis une fenêtre où le projet est encore ouvert.`,
      },
      { cause: error },
    );
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
    return new StoreError(
      'io',
      {
        en: `${en}: the disk reported an error while writing ${path} (${code}). Nothing that was saved before was lost; check the disk and try again.`,
        fr: `${fr} : le disque a signalé une erreur pendant l’écriture de ${path} (${code}). Rien de ce qui avait été enregistré n’a été perdu ; vérifiez le disque et réessayez.`,
      },
      { cause: error },
    );
  return error instanceof Error ? error : new Error(String(error));
}
