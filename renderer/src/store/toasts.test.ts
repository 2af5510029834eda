import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toastDuration, uiStore } from './index';

const texts = () => uiStore.getState().toasts.map((t) => t.text);

describe('messages at the bottom of the window', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    for (const t of uiStore.getState().toasts) uiStore.getState().dismissToast(t.id);
  });
  afterEach(() => {
    uiStore.getState().holdToasts(false);
    vi.useRealTimers();
  });

  it('leave errors up longer than news, and long ones longer still', () => {
    expect(toastDuration('Saved.', 'info')).toBe(5_000);
    expect(toastDuration('Bad.', 'error')).toBe(10_000);
    const long = 'x'.repeat(400);
    expect(toastDuration(long, 'error')).toBe(28_000);
    expect(toastDuration('x'.repeat(2_000), 'error')).toBe(40_000);
    expect(toastDuration(long, 'info')).toBeLessThanOrEqual(15_000);
  });

  it('close by themselves after their time', () => {
    uiStore.getState().showToast('Saved.');
    uiStore.getState().showToast('Cannot open it.', 'error');
    vi.advanceTimersByTime(5_001);
    expect(texts()).toEqual(['Cannot open it.']);
    vi.advanceTimersByTime(5_000);
    expect(texts()).toEqual([]);
  });

  it('stay while held (pointer or focus on them) and get their full time again after', () => {
    uiStore.getState().showToast('Cannot open it.', 'error');
    vi.advanceTimersByTime(9_000);
    uiStore.getState().holdToasts(true);
    vi.advanceTimersByTime(60_000);
    expect(texts()).toEqual(['Cannot open it.']);
    uiStore.getState().holdToasts(false);
    vi.advanceTimersByTime(9_999);
    expect(texts()).toEqual(['Cannot open it.']);
    vi.advanceTimersByTime(2);
    expect(texts()).toEqual([]);
  });

  it('keep the four newest, and a closed last one releases the hold', () => {
    for (const n of [1, 2, 3, 4, 5]) uiStore.getState().showToast(`news ${n}`);
    expect(texts()).toEqual(['news 2', 'news 3', 'news 4', 'news 5']);
    uiStore.getState().holdToasts(true);
    for (const t of uiStore.getState().toasts) uiStore.getState().dismissToast(t.id);
    uiStore.getState().showToast('again');
    vi.advanceTimersByTime(5_001);
    expect(texts()).toEqual([]);
  });
});
