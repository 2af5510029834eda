// Errors built from problems of the message catalogue. The message is the English sentence (logs,
// the CLI, tests); the interface says the problem in its own language. Browser-safe.
import { problem, type Problem } from '../i18n/catalogue';
import { problemText, problemTexts } from '../i18n/translate';
import type { Localized } from './params';

export type { Localized };

/**
 * An error built from a Problem (a code of the message catalogue and its parameters): it keeps the
 * problem, and its message is the problem's English sentence (logs, the CLI, tests). The interface
 * says the problem in its own language.
 */
export class LocalizedError extends Error {
  readonly problem: Problem;
  constructor(what: Problem, options?: ErrorOptions) {
    super(problemText(what, 'en'), options);
    this.problem = what;
  }

  /** The problem's French sentence (the message is its English one). */
  get fr(): string {
    return problemText(this.problem, 'fr');
  }
}

/** The problem an error carries, where it has one (a LocalizedError, or one that crossed the API as plain data). */
function ownProblem(error: unknown): Problem | undefined {
  const own = (error as { problem?: unknown } | null)?.problem;
  return own !== null && typeof own === 'object' && typeof (own as { code?: unknown }).code === 'string' ? (own as Problem) : undefined;
}

/** An error's own words: its message, or the error itself as text. */
function messageOf(error: unknown): string {
  return error instanceof Error
    ? error.message
    : typeof (error as { message?: unknown } | null)?.message === 'string'
      ? (error as { message: string }).message
      : String(error);
}

/** The texts of any error: the sentences of its problem where it has one, otherwise its message as it is (a library's own words). */
export function errorTexts(error: unknown): Localized {
  return problemTexts(errorProblem(error));
}

/**
 * What went wrong in any error, as a problem to put inside another (`{{reason, problem}}`): its own
 * problem where it has one, otherwise its message as it is (the words of a library, of Python or of
 * the system, which have no code of the catalogue).
 */
export function errorProblem(error: unknown): Problem {
  return ownProblem(error) ?? problem('project:errorText', { text: messageOf(error) });
}

/** A number as French writes it, with a decimal comma: 0,001. */
export function frenchNumber(value: number | bigint): string {
  return String(value).replace('.', ',');
}
