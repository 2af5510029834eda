// Pause and stop travel through shared memory so that the training loop sees them between two
// batches without yielding to its event loop.

const RUN = 0;
const PAUSE = 1;
const STOP = 2;

export type ControlCommand = 'run' | 'pause' | 'stop';

export class TrainingControl {
  private readonly flags: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.flags = new Int32Array(buffer);
  }

  get command(): ControlCommand {
    const value = Atomics.load(this.flags, 0);
    return value === STOP ? 'stop' : value === PAUSE ? 'pause' : 'run';
  }

  pause(): void {
    Atomics.compareExchange(this.flags, 0, RUN, PAUSE);
  }

  resume(): void {
    Atomics.compareExchange(this.flags, 0, PAUSE, RUN);
  }

  stop(): void {
    Atomics.store(this.flags, 0, STOP);
  }

  /** Resolves when the run is no longer paused: `true` to go on, `false` when it was stopped. */
  async waitWhilePaused(): Promise<boolean> {
    while (this.command === 'pause') await new Promise((resolve) => setTimeout(resolve, 20));
    return this.command !== 'stop';
  }
}
