// Runs bench/pytorch_cnn.py with Debian's Python (the one that has python3-torch).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StepTiming } from './tfjs-cnn';

export const systemPython = '/usr/bin/python3';
const script = fileURLToPath(new URL('./pytorch_cnn.py', import.meta.url));

/** undefined when PyTorch can run; otherwise why not, in one line. */
export function pytorchUnavailableReason(): string | undefined {
  if (!existsSync(systemPython)) return `${systemPython} does not exist (install Debian's python3-torch)`;
  const probe = spawnSync(systemPython, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const detail = (probe.stderr || probe.error?.message || '').trim().split('\n').pop();
    return `${systemPython} cannot import torch and numpy (install python3-torch): ${detail}`;
  }
  return undefined;
}

export interface PytorchRun {
  dataFile: string;
  count: number;
  threads: number;
  warmup: number;
  steps: number;
  batchSize: number;
}

export function timePytorch(run: PytorchRun): StepTiming & { threads: number; torch: string } {
  const args = [script, run.dataFile, run.count, run.threads, run.warmup, run.steps, run.batchSize].map(String);
  const result = spawnSync(systemPython, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(run.threads) } });
  if (result.status !== 0) throw new Error(`PyTorch benchmark failed: ${(result.stderr || result.error?.message || '').trim()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
}
