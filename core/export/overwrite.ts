// An export never replaces a user's files unasked; this module stays light, for the hosts to import.
import { problem } from '../i18n/catalogue';
import { LocalizedError } from '../model/localized';

/** The folder already holds files the export would write: nothing was written. */
export class ExportOverwriteError extends LocalizedError {
  constructor(
    readonly outDir: string,
    /** The files that would be replaced, relative to outDir. */
    readonly files: string[],
  ) {
    super(problem('export:wouldOverwrite', { folder: outDir, files }));
    this.name = 'ExportOverwriteError';
  }
}
