// The words a run ended with, as the project file keeps them in `runs.error`: a problem of the
// catalogue as JSON (`{"code":…,"params":…}`), said in the reader's language when shown. A file of
// an older version holds an English sentence there; it reads as that sentence, in any language.
import { problem, sentencesByCode, type Problem } from '../i18n/catalogue';

/** What an older version wrote for a run whose process went away: the same words, now a problem. */
const OLD_INTERRUPTED = 'The training stopped unexpectedly (the app or computer stopped); completed epochs were kept.';

/** The column's text for a run's final words. */
export function storedRunMessage(message: Problem): string {
  return JSON.stringify(message);
}

/**
 * A stored problem checked before it is said: a code of this version's catalogue, plain
 * parameters, and a problem wherever a sentence says one (`{{name, problem}}`), to a bounded depth.
 */
function checkedProblem(value: unknown, depth = 0): Problem | undefined {
  if (depth > 8 || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (typeof code !== 'string' || params === null || typeof params !== 'object' || Array.isArray(params)) return undefined;
  const texts = sentencesByCode.get(code);
  if (!texts) return undefined;
  for (const text of texts)
    for (const [, name] of text.matchAll(/\{\{(\w+), problem\}\}/g))
      if (!checkedProblem((params as Record<string, unknown>)[name], depth + 1)) return undefined;
  return { code, params } as Problem;
}

/**
 * The final words of a recorded run: the problem a file of this version keeps, or the English
 * sentence an older version wrote (as `store:recordedText`, said as it is; the interruption an
 * older version recorded reads as this version's problem, in the reader's language).
 */
export function runMessageOf(stored: string | null | undefined): Problem | undefined {
  if (stored === null || stored === undefined || stored === '') return undefined;
  if (stored === OLD_INTERRUPTED) return problem('store:runInterrupted', {});
  if (stored.startsWith('{')) {
    try {
      const parsed = checkedProblem(JSON.parse(stored));
      if (parsed) return parsed;
    } catch {
      // Not JSON: text of an older version that happens to open with a brace.
    }
  }
  return problem('store:recordedText', { text: stored });
}
