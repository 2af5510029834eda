import type { Unsubscribe } from '../api/contract';

/** A typed event: `event(listener)` subscribes, `fire(value)` delivers to every listener. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Unsubscribe => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One failing listener must not keep the event from the others.
        console.error(error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
