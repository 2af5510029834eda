import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importNetworkAsProject, NetworkImportError } from './import-network';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'nb-import-name-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the project file a network is imported into', () => {
  it('is refused under a name Windows reserves, saying why in English and French, before the network is read', async () => {
    const error = (await importNetworkAsProject(path.join(root, 'not-read.onnx'), path.join(root, 'CON.nbproj')).catch(
      (e: unknown) => e,
    )) as NetworkImportError;
    expect(error).toBeInstanceOf(NetworkImportError);
    expect(error.code).toBe('bad-name');
    expect(error.message).toBe(
      'CON.nbproj cannot be created: "CON.nbproj" is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with any extension), so the file could not be opened there. Choose another name.',
    );
    expect(error.fr).toBe(
      'CON.nbproj ne peut pas être créé : « CON.nbproj » est un nom que Windows réserve à un périphérique (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, quelle que soit l’extension) : le fichier ne pourrait pas y être ouvert. Choisissez un autre nom.',
    );
    expect(error.problem).toEqual({
      code: 'import:badName',
      params: { file: 'CON.nbproj', why: { code: 'project:nameReserved', params: { name: 'CON.nbproj' } } },
    });
    expect(existsSync(path.join(root, 'CON.nbproj'))).toBe(false);
    expect(await readdir(root)).toEqual([]);
  });
});
