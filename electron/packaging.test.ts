import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { unpacked } from '../core/train/session';

const config = await readFile(new URL('../build/electron-builder.yml', import.meta.url), 'utf8');

/** The `key: value` lines of a top-level block of the YAML file, and the items of a top-level list. */
function block(name: string): Record<string, string> {
  const lines = config.split('\n');
  const start = lines.indexOf(`${name}:`);
  expect(start, `${name} is in build/electron-builder.yml`).toBeGreaterThanOrEqual(0);
  const entries: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}([A-Za-z]+): *(.*)$/.exec(line);
    if (!match) break;
    entries[match[1]] = match[2];
  }
  return entries;
}

function list(name: string): string[] {
  const lines = config.split('\n');
  const start = lines.indexOf(`${name}:`);
  expect(start, `${name} is in build/electron-builder.yml`).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}- (.+)$/.exec(line);
    if (!match) break;
    items.push(match[1]);
  }
  return items;
}

describe('packaging of the desktop app', () => {
  it('flips the Electron fuses that close the ways around the app', () => {
    expect(block('electronFuses')).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
    });
  });

  it('packs the app into app.asar, with what the training worker reads unpacked beside it', () => {
    expect(config).toMatch(/^asar: true$/m);
    expect(list('asarUnpack')).toEqual(
      expect.arrayContaining(['dist/electron/worker-boot.mjs', 'dist/electron/worker.ts', 'core/**', 'node_modules/**', 'package.json']),
    );
    // The renderer and the main process stay inside the archive, where the integrity check covers them.
    expect(list('asarUnpack').some((glob) => glob.startsWith('dist/renderer') || glob === 'dist/electron/**' || glob === '**')).toBe(false);
  });

  it('starts the training worker from the unpacked folder in the packaged app, and from the sources elsewhere', () => {
    expect(unpacked(new URL('file:///opt/Neuroblocks/resources/app.asar/dist/electron/worker-boot.mjs')).href).toBe(
      'file:///opt/Neuroblocks/resources/app.asar.unpacked/dist/electron/worker-boot.mjs',
    );
    expect(unpacked(new URL('file:///C:/Program%20Files/Neuroblocks/resources/app.asar/dist/electron/worker.ts')).href).toBe(
      'file:///C:/Program%20Files/Neuroblocks/resources/app.asar.unpacked/dist/electron/worker.ts',
    );
    for (const href of [
      'file:///home/ana/neuroblocks/core/train/worker-boot.mjs',
      'file:///opt/Neuroblocks/resources/app.asar.unpacked/dist/electron/worker.ts',
      'file:///home/ana/app.asarx/worker.ts',
    ]) {
      expect(unpacked(new URL(href)).href).toBe(href);
    }
  });
});
