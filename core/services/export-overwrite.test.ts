// An export never replaces a user's files unasked: the service refuses with the files' names, so
// that the app can ask, and replaces them only when told to.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFormatNames, UserFacingError } from '../api/contract';
import { serviceFolderPerTest, webService, type ServiceFolder } from './test-service';

let folder: ServiceFolder;
serviceFolderPerTest('neuroblocks-export-overwrite-', (f) => (folder = f), { makeProjectsDir: true });

describe('exportModel into a folder that holds files of the export', () => {
  it('refuses with code export-exists naming the files (English and French), writes nothing, and replaces them with overwrite', async () => {
    const api = webService(folder);
    const { project } = await api.openExample('spirals-mlp');
    const outDir = path.join(folder.root, 'site');
    await mkdir(outDir);
    await writeFile(path.join(outDir, 'index.html'), 'my page');
    await writeFile(path.join(outDir, 'photo.jpg'), 'my photo');

    const error = await api.exportModel({ project, format: 'web', outDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error).toMatchObject({ code: 'export-exists', details: { files: ['index.html'], outDir } });
    expect((error as UserFacingError).message).toBe(
      `The folder ${outDir} already holds index.html, which this export would replace. Choose an empty folder, or confirm that they may be replaced (on the command line: --force).`,
    );
    expect((error as UserFacingError).fr).toContain('contient déjà index.html, que cet export remplacerait');
    expect((error as UserFacingError).problem).toEqual({
      code: 'export:wouldOverwrite',
      params: { folder: outDir, files: ['index.html'] },
    });
    expect((await readdir(outDir)).sort()).toEqual(['index.html', 'photo.jpg']);
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toBe('my page');

    const result = await api.exportModel({ project, format: 'web', outDir, overwrite: true });
    expect(result.files).toContain('index.html');
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toContain('<!doctype html>');
    expect(await readFile(path.join(outDir, 'photo.jpg'), 'utf8')).toBe('my photo');
  });

  it('names exactly the files each format writes, as it writes them', async () => {
    const api = webService(folder);
    const { project } = await api.openExample('spirals-mlp');
    const { exportFileNames } = await import('../export/index');
    for (const format of exportFormatNames) {
      const outDir = path.join(folder.root, format);
      const written = await api.exportModel({ project, format, outDir });
      expect(written.files.sort()).toEqual(exportFileNames(project, format).sort());
      const again = await api.exportModel({ project, format, outDir }).catch((e: unknown) => e);
      expect(again).toMatchObject({ code: 'export-exists', details: { files: exportFileNames(project, format) } });
    }
  });
});
