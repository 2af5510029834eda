// Skipped files and rows with their reason said in words, for the tests that compare them with sentences.
import { problemText } from '../i18n/translate';
import type { SkippedItem } from './types';

/** A skipped item with its reason's sentence in English (`reason`) and in French (`reasonFr`). */
export function said({ reason, ...item }: SkippedItem): Omit<SkippedItem, 'reason'> & { reason: string; reasonFr: string } {
  return { ...item, reason: problemText(reason, 'en'), reasonFr: problemText(reason, 'fr') };
}
