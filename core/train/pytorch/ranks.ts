// Runs one Python script as N ranks of a DistributedDataParallel job on this machine, as
// `torchrun --standalone --nproc-per-node N` would (some distributions' torchrun fails to start):
// each rank gets MASTER_ADDR, MASTER_PORT (a free port), RANK, WORLD_SIZE, LOCAL_RANK and
// LOCAL_WORLD_SIZE, and an equal share of the CPU threads. Rank 0 is the one the caller talks to
// (its stdin and stdout); the others' output is dropped but for the end of their stderr. When one
// rank fails, the others are ended, so that a job never hangs on a dead peer.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import type { Readable, Writable } from 'node:stream';

export interface RankLaunch {
  python: string;
  /** The script and its arguments, the same for every rank. */
  args: string[];
  nproc: number;
  cwd?: string;
  /** The environment of every rank (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** CPU threads per rank (default: the machine's threads shared equally, at least 1). */
  threadsPerRank?: number;
}

export interface RanksEnd {
  /** Rank 0's exit code (null when it was killed). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The first rank that failed (non-zero exit or killed by a signal it was not sent here), if any. */
  failedRank?: number;
  /** The last lines of the failed rank's stderr (or rank 0's), for the error message. */
  stderrTail: string;
}

export interface LaunchedRanks {
  /** Rank 0's standard output: the events. */
  readonly stdout: Readable;
  /** Rank 0's standard input: the commands. */
  readonly stdin: Writable;
  readonly pids: number[];
  /** Ends every rank. */
  kill(signal?: NodeJS.Signals): void;
  readonly done: Promise<RanksEnd>;
}

/** A TCP port nobody listens on right now, for the ranks to meet at. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const TAIL_BYTES = 4000;

/** Starts `nproc` ranks of `python args…` and returns rank 0's streams and the end of the job. */
export async function launchRanks(launch: RankLaunch): Promise<LaunchedRanks> {
  const { nproc } = launch;
  if (!Number.isInteger(nproc) || nproc < 1) throw new RangeError(`nproc must be a whole number of at least 1 (got ${nproc})`);
  const port = await freePort();
  const threads = launch.threadsPerRank ?? Math.max(1, Math.floor((os.availableParallelism?.() ?? os.cpus().length) / nproc));
  const children: ChildProcessWithoutNullStreams[] = [];
  const tails: string[] = Array.from({ length: nproc }, () => '');
  let ending = false;
  let failedRank: number | undefined;

  const killAll = (signal: NodeJS.Signals = 'SIGTERM') => {
    ending = true;
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };

  const exits = [];
  for (let rank = 0; rank < nproc; rank++) {
    const env: NodeJS.ProcessEnv = {
      ...(launch.env ?? process.env),
      MASTER_ADDR: '127.0.0.1',
      MASTER_PORT: String(port),
      RANK: String(rank),
      WORLD_SIZE: String(nproc),
      LOCAL_RANK: String(rank),
      LOCAL_WORLD_SIZE: String(nproc),
      GROUP_RANK: '0',
      OMP_NUM_THREADS: String(threads),
      PYTHONUNBUFFERED: '1',
    };
    const child = spawn(launch.python, launch.args, { cwd: launch.cwd, env, stdio: 'pipe', windowsHide: true });
    children.push(child);
    if (rank > 0) {
      child.stdout.resume();
      child.stdin.end();
    }
    child.stderr.on('data', (chunk: Buffer) => {
      tails[rank] = (tails[rank] + chunk.toString('utf8')).slice(-TAIL_BYTES);
    });
    exits.push(
      new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        child.on('error', (error) => {
          tails[rank] += `\n${error.message}`;
          if (failedRank === undefined && !ending) failedRank = rank;
          killAll();
          resolve({ code: null, signal: null });
        });
        child.on('exit', (code, signal) => {
          if ((code !== 0 || signal) && failedRank === undefined && !ending) {
            failedRank = rank;
            // A dead peer would leave the others waiting in a collective forever.
            killAll();
          }
          resolve({ code, signal });
        });
      }),
    );
  }

  const done = Promise.all(exits).then((ends) => {
    const tailOf = failedRank ?? 0;
    return {
      code: ends[0].code,
      signal: ends[0].signal,
      ...(failedRank !== undefined ? { failedRank } : {}),
      stderrTail: tails[tailOf].split('\n').filter((l) => l.trim()).slice(-20).join('\n'),
    };
  });

  return {
    stdout: children[0].stdout,
    stdin: children[0].stdin,
    pids: children.map((c) => c.pid ?? -1),
    kill: killAll,
    done,
  };
}
