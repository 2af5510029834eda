// An export never replaces a user's files unasked; this module stays light, for the hosts to import.
import { LocalizedError } from '../model/localized';

/** The folder already holds files the export would write: nothing was written. */
export class ExportOverwriteError extends LocalizedError {
  constructor(
    readonly outDir: string,
    /** The files that would be replaced, relative to outDir. */
    readonly files: string[],
  ) {
    const list = files.join(', ');
    super({
      en: `The folder ${outDir} already holds ${list}, which this export would replace. Choose an empty folder, or confirm that they may be replaced (on the command line: --force).`,
      fr: `Le dossier ${outDir} contient déjà ${list}, que cet export remplacerait. Choisissez un dossier vide, ou confirmez qu’ils peuvent être remplacés (en ligne de commande : --force).`,
    });
    this.name = 'ExportOverwriteError';
  }
}
