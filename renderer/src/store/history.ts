// The editor's undo and redo: a list of steps back and a list of steps forward, whatever a step holds
// (the editor keeps the whole graph before each edit: graphs are small, so whole copies stay cheap).

/** Successive edits with the same key within this many milliseconds are one undo step (a burst of typing). */
export const COALESCE_MS = 1500;
/** The most steps kept back; the oldest go first. */
export const HISTORY_LIMIT = 200;

export interface History<S> {
  /** The steps back, the latest last. */
  past: S[];
  /** The steps undone, which redo takes back, the latest undone last. */
  future: S[];
  /** The last edit that may join the next one (typing in one field), and when it was made. */
  lastEdit?: { key: string; at: number };
}

export function emptyHistory<S>(): History<S> {
  return { past: [], future: [], lastEdit: undefined };
}

/**
 * The history after an edit: the state `before` it becomes the latest step back, and the steps undone
 * are dropped. An edit with the same `key` as the last one, within COALESCE_MS of it, continues that
 * step instead (and `before` is not taken). At most `limit` steps are kept.
 */
export function record<S>(history: History<S>, before: () => S, options: { key?: string; now?: number; limit?: number } = {}): History<S> {
  const { key, now = Date.now(), limit = HISTORY_LIMIT } = options;
  const { lastEdit } = history;
  if (key && lastEdit && lastEdit.key === key && now - lastEdit.at < COALESCE_MS) return { ...history, lastEdit: { key, at: now } };
  return { past: [...history.past, before()].slice(-limit), future: [], lastEdit: key ? { key, at: now } : undefined };
}

/**
 * Undo: the step to go back to, and the history after it, where the state left (`current`, given the
 * step, so that it can be taken the same way) becomes a step forward. Undefined when there is none.
 */
export function undo<S>(history: History<S>, current: (step: S) => S): { step: S; history: History<S> } | undefined {
  const step = history.past.at(-1);
  if (step === undefined) return undefined;
  return { step, history: { past: history.past.slice(0, -1), future: [...history.future, current(step)], lastEdit: undefined } };
}

/** Redo: the step undone last, and the history after it, the state left becoming a step back again. Undefined when there is none. */
export function redo<S>(history: History<S>, current: (step: S) => S): { step: S; history: History<S> } | undefined {
  const step = history.future.at(-1);
  if (step === undefined) return undefined;
  return { step, history: { past: [...history.past, current(step)], future: history.future.slice(0, -1), lastEdit: undefined } };
}
