// What the benchmarks share: their command-line numbers and the course's MNIST CNN.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Project } from '../core/model/project';
import { parseProjectText } from '../core/model/project-io';

/** `--name N` from the command line, a positive whole number, or the fallback when absent. */
export function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer, got ${process.argv[index + 1]}`);
  return value;
}

/** The course's MNIST CNN, as the app's example has it. */
export function courseMnistProject(): Project {
  return parseProjectText(readFileSync(fileURLToPath(new URL('../projects/mnist-cnn.json', import.meta.url)), 'utf8'));
}
