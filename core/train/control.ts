// Pause and stop travel through shared memory so that the training loop sees them between two
// batches without yielding to its event loop.

const RUN = 0;
const PAUSE = 1;
const STOP = 2;

export type ControlCommand = 'run' | 'pause' | 'stop';

/** Slot 0: the command; slot 1: how many batches the loop has finished. */
const COMMAND = 0;
const BATCHES = 1;

export class TrainingControl {
  private readonly flags: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.flags = new Int32Array(buffer);
  }

  /** Batches finished so far, read live from the training loop (events may still be in flight). */
  get batchesCompleted(): number {
    return Atomics.load(this.flags, BATCHES);
  }

  countBatch(): void {
    Atomics.add(this.flags, BATCHES, 1);
  }

  get command(): ControlCommand {
    const value = Atomics.load(this.flags, COMMAND);
    return value === STOP ? 'stop' : value === PAUSE ? 'pause' : 'run';
  }

  pause(): void {
    Atomics.compareExchange(this.flags, COMMAND, RUN, PAUSE);
    Atomics.notify(this.flags, COMMAND);
  }

  resume(): void {
    Atomics.compareExchange(this.flags, COMMAND, PAUSE, RUN);
    Atomics.notify(this.flags, COMMAND);
  }

  stop(): void {
    Atomics.store(this.flags, COMMAND, STOP);
    Atomics.notify(this.flags, COMMAND);
  }

  /**
   * Resolves as soon as the command is no longer `current`, or after `timeoutMs`, without blocking
   * the event loop: for an engine in another process, to which each command is passed on at once.
   */
  async waitForChange(current: ControlCommand, timeoutMs: number): Promise<void> {
    const value = current === 'stop' ? STOP : current === 'pause' ? PAUSE : RUN;
    const { waitAsync } = Atomics as unknown as {
      waitAsync?: (
        array: Int32Array,
        index: number,
        value: number,
        timeout: number,
      ) => { async: boolean; value: Promise<unknown> | unknown };
    };
    if (!waitAsync) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(timeoutMs, 10)));
      return;
    }
    const wait = waitAsync(this.flags, COMMAND, value, timeoutMs);
    if (wait.async) await wait.value;
  }

  /** Resolves when the run is no longer paused: `true` to go on, `false` when it was stopped. */
  async waitWhilePaused(): Promise<boolean> {
    while (this.command === 'pause') await new Promise((resolve) => setTimeout(resolve, 20));
    return this.command !== 'stop';
  }
}
