import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { DatasetRef } from '../model/project';
import type { DatasetInput } from './types';

/** CSV files up to this size are kept inside the project file, so it travels with its data. */
export const EMBED_CSV_BYTES = 1024 * 1024;

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  await walk(root);
  return out.sort();
}

/**
 * The data set reference of a run: where the data came from and a hash of the data itself.
 * A CSV file is hashed byte for byte (and embedded when small); an image folder by every file's
 * relative path and bytes (so is a folder of IDX or CIFAR files; a CIFAR archive byte for byte); a built-in set by what determines it exactly (its name, size, noise and
 * the seed that generates it), since it ships with the app or is generated.
 */
export async function describeDataset(
  ref: DatasetRef,
  options: { baseDir?: string; seed: number; summary?: Record<string, unknown> },
): Promise<DatasetInput> {
  const summary = options.summary ?? {};
  if (ref.kind === 'builtin') {
    const determinedBy = {
      builtin: ref.name,
      size: ref.size ?? null,
      noise: ref.noise ?? null,
      seed: ref.name === 'mnist' || ref.name === 'fashion-mnist' ? null : options.seed,
      // A filtered set is another set; the whole set hashes as it did before filters existed.
      ...(ref.classes ? { classes: ref.classes } : {}),
      ...(ref.perClass !== undefined ? { perClass: ref.perClass } : {}),
    };
    return {
      kind: 'builtin',
      name: ref.name,
      contentHash: `sha256:${createHash('sha256').update(JSON.stringify(determinedBy)).digest('hex')}`,
      summary,
    };
  }
  const path = isAbsolute(ref.path) ? ref.path : resolve(options.baseDir ?? '.', ref.path);
  if (ref.kind === 'csv') {
    const bytes = await readFile(path);
    return {
      kind: 'csv',
      path: ref.path,
      contentHash: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      summary: { ...summary, labelColumn: ref.labelColumn, bytes: bytes.length },
      embedded: bytes.length <= EMBED_CSV_BYTES ? bytes : undefined,
    };
  }
  if (ref.kind === 'cifar' && !(await stat(path)).isDirectory()) {
    // A CIFAR archive is hashed byte for byte, without reading it into memory at once.
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { kind: 'cifar', path: ref.path, contentHash: `sha256:${hash.digest('hex')}`, summary: { ...summary, bytes } };
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const files = await filesUnder(path);
  for (const file of files) {
    const content = await readFile(file);
    bytes += content.length;
    hash.update(relative(path, file).split('\\').join('/')).update('\0').update(createHash('sha256').update(content).digest());
  }
  return {
    kind: ref.kind,
    path: ref.path,
    contentHash: `sha256:${hash.digest('hex')}`,
    summary: { ...summary, files: files.length, bytes },
  };
}
