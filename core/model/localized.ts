// Errors that carry a French text beside their English message. The message stays English (logs,
// the CLI, tests); the interface shows the text of its language. Browser-safe.
import type { Problem } from '../i18n/catalogue';
import { problemTexts } from '../i18n/translate';
import type { Localized } from './params';

export type { Localized };

/**
 * An error whose English message may come with a French text. Built from a Problem (a code of the
 * message catalogue and its parameters), it keeps the problem and takes both texts from the catalogue.
 */
export class LocalizedError extends Error {
  readonly fr?: string;
  readonly problem?: Problem;
  constructor(text: string | Localized | Problem, options?: ErrorOptions) {
    const texts = typeof text === 'string' ? undefined : 'code' in text ? problemTexts(text) : text;
    super(typeof text === 'string' ? text : texts!.en, options);
    if (texts) this.fr = texts.fr;
    if (typeof text !== 'string' && 'code' in text) this.problem = text;
  }
}

/** The texts of any error: its message, and its French where it has one (otherwise the message again). */
export function errorTexts(error: unknown): Localized {
  const en =
    error instanceof Error
      ? error.message
      : typeof (error as { message?: unknown } | null)?.message === 'string'
        ? (error as { message: string }).message
        : String(error);
  const fr = (error as { fr?: unknown } | null)?.fr;
  return { en, fr: typeof fr === 'string' && fr ? fr : en };
}

/** An error as the cause of a problem (the `cause` format): its problem, its English and French texts, or its message. */
export function errorCause(error: unknown): Problem | { en: string; fr: string } | string {
  const problem = (error as { problem?: Problem } | null)?.problem;
  if (problem && typeof problem.code === 'string') return problem;
  const texts = errorTexts(error);
  return texts.fr === texts.en ? texts.en : { en: texts.en, fr: texts.fr };
}

/** A number as French writes it, with a decimal comma: 0,001. */
export function frenchNumber(value: number | bigint): string {
  return String(value).replace('.', ',');
}
