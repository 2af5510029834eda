// The words a run ended with, as the project file keeps them in `runs.error`: a problem of the
// catalogue as JSON (`{"code":…,"params":…}`), said in the reader's language when shown. A file of
// an older version holds an English sentence there; it reads as that sentence, in any language.
import { problem, sentencesByCode, type Problem } from '../i18n/catalogue';
import { stoppedMessage } from '../train/final-words';

/** What an older version wrote for a run whose process went away: the same words, now a problem. */
const OLD_INTERRUPTED = 'The training stopped unexpectedly (the app or computer stopped); completed epochs were kept.';

/** The column's text for a run's final words. */
export function storedRunMessage(message: Problem): string {
  return JSON.stringify(message);
}

/**
 * Final words of older versions that this version says otherwise, by their key in `train`: a run
 * stopped by the user was "Stopped by the user during epoch {{epoch}}", now it counts its complete epochs.
 */
const olderTrainWords: Readonly<Record<string, (params: Record<string, unknown>) => Problem | undefined>> = {
  stoppedDuring: ({ epoch }) =>
    typeof epoch === 'number' && Number.isInteger(epoch) && epoch >= 1 ? stoppedMessage(epoch - 1) : undefined,
};

/** A stored problem in this version's words: an older code said as this version says it, any other as stored. */
function currentWords(code: string, params: Record<string, unknown>): { code: string; params: Record<string, unknown> } | undefined {
  const [namespace, key] = code.split(':');
  if (namespace === 'train' && Object.hasOwn(olderTrainWords, key)) return olderTrainWords[key](params);
  return { code, params };
}

/**
 * A stored problem checked before it is said: a code of this version's catalogue (an older code in
 * this version's words), plain parameters, and a problem wherever a sentence says one
 * (`{{name, problem}}`), to a bounded depth.
 */
function checkedProblem(value: unknown, depth = 0): Problem | undefined {
  if (depth > 8 || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const stored = value as { code?: unknown; params?: unknown };
  if (typeof stored.code !== 'string' || stored.params === null || typeof stored.params !== 'object' || Array.isArray(stored.params))
    return undefined;
  const current = currentWords(stored.code, stored.params as Record<string, unknown>);
  if (!current) return undefined;
  const { code, params } = current;
  const texts = sentencesByCode.get(code);
  if (!texts) return undefined;
  const said = { ...params };
  for (const text of texts)
    for (const [, name] of text.matchAll(/\{\{(\w+), problem\}\}/g)) {
      const inner = checkedProblem(params[name], depth + 1);
      if (!inner) return undefined;
      said[name] = inner;
    }
  return { code, params: said } as Problem;
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
