import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NeuroblocksService } from './services';
import { ProjectUploads } from './project-upload';
import type { UserFacingError } from '../api/contract';
import { problem } from '../i18n/catalogue';
import { StoreError } from '../store/errors';
import { serviceFolderPerTest, webService } from './test-service';
import { ProjectStore } from '../store/index';

let root: string;
let projectsDir: string;
serviceFolderPerTest('neuroblocks-new-projects-', (folder) => ({ root, projectsDir } = folder));

const service = () => webService({ root, projectsDir });

/** Sends a file in parts of `size` bytes, as the browser does. */
async function upload(api: NeuroblocksService, fileName: string, bytes: Buffer, size = 4096) {
  const { uploadId } = await api.startProjectUpload({ fileName });
  for (let start = 0; start < bytes.length; start += size)
    await api.uploadProjectPart(uploadId, bytes.subarray(start, start + size).toString('base64'));
  return api.finishProjectUpload(uploadId);
}

describe('a new project is a .nbproj file from the start', () => {
  it('an empty project, an example and imported JSON each get a project file of their own, under a free name', async () => {
    const api = service();
    const empty = await api.newProject({ name: 'Untitled' });
    expect(empty.location).toBe(path.join(projectsDir, 'untitled.nbproj'));
    const again = await api.newProject({ name: 'Untitled' });
    expect(again.location).toBe(path.join(projectsDir, 'untitled-2.nbproj'));
    const example = await api.newProject({ fromExample: 'mnist-cnn' });
    expect(example.location).toBe(path.join(projectsDir, 'mnist-cnn.nbproj'));
    expect(example.project.graph.nodes.length).toBe(11);
    // The file holds the project and takes runs: it is a real project database.
    const store = ProjectStore.open(example.location!, { readOnly: true });
    try {
      expect(store.project().name).toBe(example.project.name);
      expect(store.listRuns()).toEqual([]);
    } finally {
      store.close();
    }
    const imported = await api.importProject(await readFile(new URL('../../projects/spirals-mlp.json', import.meta.url), 'utf8'));
    expect(imported.location).toMatch(/\.nbproj$/);
    expect((await api.listProjectFiles()).map((f) => f.fileName).sort()).toEqual(
      ['mnist-cnn.nbproj', path.basename(imported.location!), 'untitled-2.nbproj', 'untitled.nbproj'].sort(),
    );
  });
});

describe('opening a .nbproj received from someone else (browser upload)', () => {
  it('clears half-received files left a day ago or more (a closed tab), not recent ones', async () => {
    await mkdir(projectsDir, { recursive: true });
    const old = path.join(projectsDir, '.upload-old.part');
    await writeFile(old, 'half a file');
    await writeFile(path.join(projectsDir, '.upload-recent.part'), 'half a file');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(old, twoDaysAgo, twoDaysAgo);
    await service().startProjectUpload({ fileName: 'shared.nbproj' });
    const left = await readdir(projectsDir);
    expect(left).toContain('.upload-recent.part');
    expect(left).not.toContain('.upload-old.part');
  });

  it('keeps a real project file, byte for byte, under a free name, and opens it', async () => {
    const api = service();
    const made = await api.newProject({ fromExample: 'spirals-mlp' });
    const bytes = await readFile(made.location!);
    const opened = await upload(api, 'from the teacher.nbproj', bytes, 1000);
    expect(opened.location).toBe(path.join(projectsDir, 'from the teacher.nbproj'));
    expect(opened.project).toEqual(made.project);
    expect(await readFile(opened.location!)).toEqual(bytes);
    const second = await upload(api, 'from the teacher.nbproj', bytes);
    expect(second.location).toBe(path.join(projectsDir, 'from the teacher-2.nbproj'));
  });

  it('refuses a damaged, cut-short or foreign file in English and French, and keeps nothing of it', async () => {
    const api = service();
    const made = await api.newProject({ fromExample: 'spirals-mlp' });
    const bytes = await readFile(made.location!);
    const before = (await readdir(projectsDir)).sort();
    await expect(upload(api, 'notes.nbproj', Buffer.from('just some text, not a project'))).rejects.toMatchObject({
      message: expect.stringContaining('notes.nbproj is not a Neuroblocks project file'),
      fr: expect.stringContaining('notes.nbproj n’est pas un fichier de projet Neuroblocks'),
      problem: { code: 'project:uploadNotDatabase', params: { file: 'notes.nbproj' } },
    });
    await expect(api.startProjectUpload({ fileName: 'notes.txt' })).rejects.toMatchObject({
      message: 'notes.txt is not a Neuroblocks project file: choose a file ending in .nbproj (or open a .json project).',
      fr: 'notes.txt n’est pas un fichier de projet Neuroblocks : choisissez un fichier se terminant par .nbproj (ou ouvrez un projet .json).',
    });
    await expect(api.finishProjectUpload('no-such-upload')).rejects.toMatchObject({
      message: 'This upload is over or unknown; open the file again.',
      problem: { code: 'project:uploadUnknown' },
    });
    // Said of the file chosen: its name, never the hidden file it was received into.
    const cut = await upload(api, 'cut.nbproj', bytes.subarray(0, Math.floor(bytes.length / 2))).catch(
      (error: Error & { fr: string }) => error,
    );
    expect(cut).toMatchObject({
      message: expect.stringMatching(/^cut\.nbproj is damaged\b.*Nothing was kept/s),
      fr: expect.stringMatching(/^cut\.nbproj est endommagé.*Rien n’a été conservé/s),
    });
    expect(`${(cut as Error).message} ${(cut as Error & { fr: string }).fr}`).not.toMatch(/\.upload-|left unchanged|pas été modifié/);
    // The store's own problem, naming the uploaded file, in its form for a received file.
    expect(cut).toMatchObject({ problem: { code: 'store:truncated', params: { path: 'cut.nbproj', context: 'upload' } } });
    const other = await (async () => {
      const db = path.join(root, 'other.nbproj');
      const Database = (await import('better-sqlite3')).default;
      const handle = new Database(db);
      handle.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      handle.close();
      return readFile(db);
    })();
    await expect(upload(api, 'other.nbproj', other)).rejects.toMatchObject({
      message: expect.stringMatching(/^other\.nbproj .*Nothing was kept/s),
      fr: expect.stringMatching(/^other\.nbproj .*Rien n’a été conservé/s),
      problem: { code: 'store:otherProgram', params: { path: 'other.nbproj', context: 'upload' } },
    });
    await expect(api.startProjectUpload({ fileName: 'photo.png' })).rejects.toMatchObject({ code: 'not-a-project' });
    expect((await readdir(projectsDir)).sort()).toEqual(before);
  });

  it('says any other refusal of the received file of the uploaded name too, and that nothing was kept', async () => {
    const refusals = [
      (file: string) => new StoreError('io', problem('store:cannotRead', { path: file, detail: `EIO: i/o error, read ${file}` })),
      () => new Error('SQLITE_IOERR: disk I/O error'),
    ];
    for (const [n, refuse] of refusals.entries()) {
      let staging = '';
      const uploads = new ProjectUploads(
        async () => projectsDir,
        async (file) => {
          staging = file;
          throw refuse(file);
        },
      );
      const { uploadId } = await uploads.start({ fileName: `sent ${n}.nbproj` });
      await uploads.add(uploadId, Buffer.from('SQLite format 3\u0000 and the rest', 'latin1').toString('base64'));
      const error = (await uploads.finish(uploadId).catch((e: unknown) => e)) as UserFacingError;
      const texts = [error.message, error.fr];
      for (const text of texts) expect(text).not.toContain(path.basename(staging));
      if (n === 0) {
        expect(error.message).toBe('Cannot read sent 0.nbproj: EIO: i/o error, read sent 0.nbproj. Nothing was kept.');
        expect(error.fr).toBe('Impossible de lire sent 0.nbproj : EIO: i/o error, read sent 0.nbproj. Rien n’a été conservé.');
        expect(error.problem).toMatchObject({ code: 'project:uploadRefused', params: { reason: { code: 'store:cannotRead' } } });
      } else {
        // A reason that does not name the file: the file is named before it.
        expect(error.message).toBe('sent 1.nbproj cannot be opened (SQLITE_IOERR: disk I/O error). Nothing was kept.');
        expect(error.fr).toBe('sent 1.nbproj ne peut pas être ouvert (SQLITE_IOERR: disk I/O error). Rien n’a été conservé.');
      }
      expect(await readdir(projectsDir)).toEqual([]);
    }
  });
});
