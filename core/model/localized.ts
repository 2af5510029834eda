// Errors that carry a French text beside their English message. The message stays English (logs,
// the CLI, tests); the interface shows the text of its language. Browser-safe.
import type { Localized } from './params';

export type { Localized };

/** An error whose English message may come with a French text. */
export class LocalizedError extends Error {
  readonly fr?: string;
  constructor(text: string | Localized, options?: ErrorOptions) {
    super(typeof text === 'string' ? text : text.en, options);
    if (typeof text !== 'string') this.fr = text.fr;
  }
}

/** The texts of any error: its message, and its French where it has one (otherwise the message again). */
export function errorTexts(error: unknown): Localized {
  const en = error instanceof Error ? error.message : typeof (error as { message?: unknown } | null)?.message === 'string' ? (error as { message: string }).message : String(error);
  const fr = (error as { fr?: unknown } | null)?.fr;
  return { en, fr: typeof fr === 'string' && fr ? fr : en };
}

/** A number as French writes it, with a decimal comma: 0,001. */
export function frenchNumber(value: number | bigint): string {
  return String(value).replace('.', ',');
}
