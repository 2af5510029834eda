import { describe, expect, it } from 'vitest';
import { COALESCE_MS, emptyHistory, HISTORY_LIMIT, record, redo, undo, type History } from './history';

/** A document that is a number: each edit records the value before it. */
function editor() {
  let value = 0;
  let history: History<number> = emptyHistory();
  /** Takes the step back or forth that `to` gives, when there is one. */
  const move = (to: { step: number; history: History<number> } | undefined) => {
    if (!to) return false;
    history = to.history;
    value = to.step;
    return true;
  };
  return {
    get value() {
      return value;
    },
    get history() {
      return history;
    },
    edit(next: number, key?: string, now?: number) {
      history = record(history, () => value, { key, now });
      value = next;
    },
    undo: () => move(undo(history, () => value)),
    redo: () => move(redo(history, () => value)),
  };
}

describe('undo history', () => {
  it('undoes and redoes edits in order, and says when there is nothing left to undo or redo', () => {
    const doc = editor();
    expect(doc.undo()).toBe(false);
    expect(doc.redo()).toBe(false);
    doc.edit(1);
    doc.edit(2);
    doc.edit(3);
    expect(doc.undo()).toBe(true);
    expect(doc.value).toBe(2);
    expect(doc.undo()).toBe(true);
    expect(doc.value).toBe(1);
    expect(doc.redo()).toBe(true);
    expect(doc.value).toBe(2);
    expect(doc.history).toMatchObject({ past: [0, 1], future: [3] });
    expect(doc.undo() && doc.undo()).toBe(true);
    expect(doc.value).toBe(0);
    expect(doc.undo()).toBe(false);
    expect(doc.value).toBe(0);
    expect(doc.redo() && doc.redo() && doc.redo()).toBe(true);
    expect(doc.value).toBe(3);
    expect(doc.redo()).toBe(false);
  });

  it('drops the steps undone when a new edit is made', () => {
    const doc = editor();
    doc.edit(1);
    doc.edit(2);
    doc.undo();
    doc.edit(5);
    expect(doc.redo()).toBe(false);
    expect(doc.value).toBe(5);
    doc.undo();
    expect(doc.value).toBe(1);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps, dropping the oldest`, () => {
    const doc = editor();
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) doc.edit(i);
    expect(doc.history.past).toHaveLength(HISTORY_LIMIT);
    let undone = 0;
    while (doc.undo()) undone++;
    expect(undone).toBe(HISTORY_LIMIT);
    // The 5 oldest states are gone: the furthest back is the state before edit 6.
    expect(doc.value).toBe(5);
    expect(record(emptyHistory<number>(), () => 1, { limit: 2 }).past).toEqual([1]);
    const three = [1, 2, 3].reduce((h, v) => record(h, () => v, { limit: 2 }), emptyHistory<number>());
    expect(three.past).toEqual([2, 3]);
  });

  it(`makes a burst of edits with one key (typing in a field) one step, for ${COALESCE_MS} ms after the last of them`, () => {
    const doc = editor();
    doc.edit(1, 'param:dense_1:units', 1000);
    doc.edit(12, 'param:dense_1:units', 1000 + COALESCE_MS - 1);
    doc.edit(128, 'param:dense_1:units', 1000 + 2 * COALESCE_MS - 2);
    expect(doc.history.past).toEqual([0]);
    doc.undo();
    expect(doc.value).toBe(0);
    doc.redo();
    expect(doc.value).toBe(128);
  });

  it('starts a new step after a pause, for another key, for an edit without a key, and after an undo', () => {
    let taken = 0;
    const before = () => ++taken;
    let h = record(emptyHistory<number>(), before, { key: 'a', now: 0 });
    h = record(h, before, { key: 'a', now: 10 });
    expect(taken).toBe(1); // The burst continues: the state before it is not taken again.
    h = record(h, before, { key: 'a', now: 10 + COALESCE_MS });
    expect(h.past).toHaveLength(2);
    h = record(h, before, { key: 'b', now: 11 + COALESCE_MS });
    expect(h.past).toHaveLength(3);
    h = record(h, before, { now: 12 + COALESCE_MS });
    expect(h.past).toHaveLength(4);
    expect(h.lastEdit).toBeUndefined();
    h = record(h, before, { key: 'b', now: 13 + COALESCE_MS });
    h = undo(h, () => 0)!.history;
    h = record(h, before, { key: 'b', now: 14 + COALESCE_MS });
    expect(h.past).toHaveLength(5);
    expect(h.future).toEqual([]);
  });
});
