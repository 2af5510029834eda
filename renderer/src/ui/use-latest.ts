import { useRef, type RefObject } from 'react';

/** A ref that always holds the latest `value`, for an effect or a timer that must call the newest callback without restarting. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
