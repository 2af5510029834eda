import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ProjectStore } from './project-store';
import { denseWeights, random } from './test-helpers';
import type { EpochMetrics } from './types';
import { encodeWeights, type NamedWeight } from './weights';

/**
 * Kills a process that is recording a run (crash-writer.ts) with SIGKILL at random moments and
 * checks after each kill that the project file is sound and tells the truth about the run.
 */

export const SYNTHETIC_WIDTHS = [64, 512, 256, 10];

/** The metrics the synthetic writer records for `epoch` of the run with `seed`. */
export function syntheticMetrics(seed: number, epoch: number): EpochMetrics {
  const next = random(seed * 100_003 + epoch);
  return {
    epoch,
    loss: next(),
    accuracy: next(),
    valLoss: next(),
    valAccuracy: next(),
    learningRate: 0.001,
    seconds: next(),
    samplesPerSecond: 1000 * next(),
  };
}

export function syntheticWeights(seed: number, epoch: number): NamedWeight[] {
  return denseWeights(SYNTHETIC_WIDTHS, seed * 100_003 + epoch);
}

export type WriterMode = 'synthetic' | 'tfjs' | 'engine';

export interface KillReport {
  iteration: number;
  seed: number;
  /** Where the kill landed, as far as the writer had told: "before the run started", or the epochs it had announced. */
  killedAfter: string;
  /** Epochs found in the file for this run after the kill. */
  epochs: number;
  checkpointEpoch?: number;
  status?: string;
}

export interface CrashLoopOptions {
  file: string;
  kills: number;
  mode: WriterMode;
  /** Seed of the random kill moments; each writer's run seed is `seed + iteration`. */
  seed: number;
  /** Keep at most this many runs in the file (older ones are deleted between kills). */
  keepRuns?: number;
  onKill?: (report: KillReport) => void;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

interface Child {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves when the writer has printed `ready` and then `epochs` epoch lines. */
  waitFor(epochs: number): Promise<void>;
  lines: string[];
  kill(): void;
}

function startWriter(file: string, seed: number, mode: WriterMode): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, file, String(seed), mode], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  const waiters: { epochs: number; resolve: () => void }[] = [];
  const epochsSeen = () => (lines.includes('ready') ? lines.filter((l) => l.startsWith('epoch ')).length : -1);
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters.splice(0)) {
      if (epochsSeen() >= w.epochs) w.resolve();
      else waiters.push(w);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve();
      resolve({ code, signal, stderr });
    }),
  );
  return {
    exited,
    lines,
    waitFor: (epochs) =>
      new Promise<void>((resolve) => (epochsSeen() >= epochs || child.exitCode !== null ? resolve() : waiters.push({ epochs, resolve }))),
    kill: () => child.kill('SIGKILL'),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sameWeights(a: NamedWeight[], b: NamedWeight[]): boolean {
  return encodeWeights(a).equals(encodeWeights(b));
}

/** Checks the file after a kill; throws with what is wrong. `known` maps earlier runs to their epoch counts. */
export function checkAfterKill(
  file: string,
  seed: number,
  mode: WriterMode,
  known: Map<number, number>,
): Omit<KillReport, 'iteration' | 'seed' | 'killedAfter'> {
  if (!existsSync(file)) {
    if (known.size) throw new Error('The project file disappeared.');
    return { epochs: 0 }; // killed while creating it: the half-made file never took its name
  }
  const raw = new Database(file, { readonly: true });
  const integrity = raw.pragma('integrity_check', { simple: true });
  raw.close();
  if (integrity !== 'ok') throw new Error(`integrity_check: ${String(integrity)}`);

  const store = ProjectStore.open(file);
  try {
    const runs = store.listRuns();
    const stillRunning = runs.filter((r) => r.status === 'running');
    if (stillRunning.length) throw new Error(`Runs ${stillRunning.map((r) => r.id).join(', ')} still read "running" after reopening.`);
    for (const [runId, epochs] of known) {
      const run = runs.find((r) => r.id === runId);
      if (run && run.epochs !== epochs) throw new Error(`Earlier run ${runId} changed from ${epochs} to ${run.epochs} epochs.`);
    }
    const run = runs.find((r) => r.seed === seed);
    if (!run) return { epochs: 0 };
    if (run.status !== 'interrupted') throw new Error(`The killed run reads "${run.status}", not "interrupted".`);
    const details = store.getRun(run.id);
    const numbers = details.epochMetrics.map((m) => m.epoch);
    if (!numbers.every((n, i) => n === i + 1)) throw new Error(`Epochs are not an exact prefix: ${numbers.join(', ')}.`);
    for (const m of details.epochMetrics) {
      if (mode === 'synthetic') {
        const expected = syntheticMetrics(seed, m.epoch);
        for (const key of Object.keys(expected) as (keyof EpochMetrics)[])
          if (m[key] !== expected[key])
            throw new Error(`Epoch ${m.epoch} is partial or wrong: ${key} is ${m[key]}, expected ${expected[key]}.`);
      } else if (!(
        typeof m.loss === 'number' &&
        Number.isFinite(m.loss) &&
        typeof m.valAccuracy === 'number' &&
        m.valAccuracy >= 0 &&
        m.valAccuracy <= 1
      )) {
        throw new Error(`Epoch ${m.epoch} is partial: ${JSON.stringify(m)}.`);
      }
    }
    let checkpointEpoch: number | undefined;
    if (details.last) {
      const last = store.loadCheckpoint(run.id, 'last');
      checkpointEpoch = last.epoch;
      if (last.epoch !== run.epochs && last.epoch !== run.epochs - 1)
        throw new Error(`The last checkpoint is of epoch ${last.epoch} but ${run.epochs} epochs were recorded.`);
      if (mode === 'synthetic' && !sameWeights(last.weights, syntheticWeights(seed, last.epoch)))
        throw new Error(`The last checkpoint (epoch ${last.epoch}) does not hold that epoch's weights.`);
      if (mode !== 'synthetic' && !last.weights.every((w) => w.data.length > 0 && Array.from(w.data).every(Number.isFinite)))
        throw new Error('The last checkpoint holds weights that are not finite numbers.');
      if (details.best) {
        const best = store.loadCheckpoint(run.id, 'best');
        if (mode === 'synthetic' && !sameWeights(best.weights, syntheticWeights(seed, best.epoch)))
          throw new Error(`The best checkpoint (epoch ${best.epoch}) does not hold that epoch's weights.`);
      }
      const resume = store.resumePoint(run.id);
      if (resume.nextEpoch !== last.epoch + 1) throw new Error(`Resuming would start at epoch ${resume.nextEpoch}, not ${last.epoch + 1}.`);
    } else if (run.epochs > 1) {
      throw new Error(`${run.epochs} epochs were recorded but no checkpoint can be loaded.`);
    }
    known.set(run.id, run.epochs);
    return { epochs: run.epochs, checkpointEpoch, status: run.status };
  } finally {
    store.close();
  }
}

function pruneRuns(file: string, keep: number, known: Map<number, number>): void {
  if (!existsSync(file)) return;
  const store = ProjectStore.open(file);
  try {
    const runs = store.listRuns();
    for (const run of runs.slice(0, Math.max(0, runs.length - keep))) {
      store.deleteRun(run.id);
      known.delete(run.id);
    }
  } finally {
    store.close();
  }
}

/** Starts a writer, kills it at a random moment, checks the file; `kills` times. */
export async function crashLoop(options: CrashLoopOptions): Promise<KillReport[]> {
  const next = random(options.seed);
  const known = new Map<number, number>();
  const reports: KillReport[] = [];
  for (let iteration = 0; iteration < options.kills; iteration++) {
    const seed = options.seed + iteration;
    const child = startWriter(options.file, seed, options.mode);
    const roll = next();
    if (roll < 0.15) {
      // Anywhere in start-up: while opening, marking runs interrupted, creating the file or the run.
      await sleep(next() * 900);
    } else {
      await child.waitFor(Math.floor(next() * 4));
      await sleep(next() * (options.mode === 'synthetic' ? 15 : 40));
    }
    const announced = child.lines.includes('ready')
      ? `${child.lines.filter((l) => l.startsWith('epoch ')).length} announced epochs`
      : 'before the run started';
    child.kill();
    const { signal, code, stderr } = await child.exited;
    if (signal !== 'SIGKILL')
      throw new Error(`Iteration ${iteration}: the writer exited by itself (code ${code}) before it was killed:\n${stderr}`);
    try {
      const result = checkAfterKill(options.file, seed, options.mode, known);
      const report = { iteration, seed, killedAfter: announced, ...result };
      reports.push(report);
      options.onKill?.(report);
    } catch (error) {
      throw new Error(`After kill ${iteration + 1} (seed ${seed}, ${announced}): ${(error as Error).message}`, { cause: error });
    }
    if (options.keepRuns) pruneRuns(options.file, options.keepRuns, known);
  }
  return reports;
}
