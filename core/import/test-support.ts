// What the importers' tests share: the files a Python script writes for them, and how they read
// an imported model's weights and a refusal.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect } from 'vitest';
import type { NamedWeight } from '../export/weights';
import { ImportError, type ImportedModel } from './index';

/** Debian's python3: it has torch, torchvision, onnx and h5py. */
export const PYTHON = '/usr/bin/python3';

/**
 * A torch script of these tests: `body` after the imports (json, sys, numpy as np, onnx, torch,
 * torchvision, torch's nn), with torch on two threads and seeded with 0, and `out` the folder its
 * first argument names.
 */
export const torchScript = (body: string): string => `
import importlib.util, json, sys
import numpy as np, onnx, torch, torchvision
from torch import nn
torch.set_num_threads(2)
out = sys.argv[1]
torch.manual_seed(0)
${body}`;

/** A weight as a Python script writes it in its expected.json. */
export interface Tensor {
  shape: number[];
  data: number[];
}

/**
 * Before the tests of the file that calls it, runs `script` (a Python file of this folder, with
 * Debian's python3, which has h5py) to write its model files and their expected.json into a
 * temporary folder, hands what expected.json holds to `use`, and removes the folder after the tests.
 * Returns the path of a file in that folder.
 */
export function filesWrittenBy<Expected>(script: string, prefix: string, use: (expected: Expected) => void): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string) => join(dir, name);
  beforeAll(async () => {
    await promisify(execFile)(PYTHON, [fileURLToPath(new URL(script, import.meta.url)), dir]);
    use(JSON.parse(readFileSync(file('expected.json'), 'utf8')) as Expected);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return file;
}

/** An imported model's weights as the exporters take them. */
export const named = (m: ImportedModel): NamedWeight[] => m.weights.map((w) => ({ ...w, dtype: 'float32' }));

/** An imported model's weights by name, as plain arrays. */
export const weightMap = (m: ImportedModel) =>
  Object.fromEntries(m.weights.map((w) => [w.name, { shape: w.shape, data: Array.from(w.data) }]));

/** The ImportError `load` fails with; it must have its French words. */
export async function refusal(load: Promise<unknown>): Promise<ImportError> {
  const error = await load.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).fr).toBeTruthy();
  return error as ImportError;
}
