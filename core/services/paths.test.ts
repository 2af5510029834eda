// Where the services may create files: relative locations stay in the projects folder, names are
// ones every platform can hold, and errors quote only data files.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { recordingIo } from '../cli/test-io';
import { smallProject } from '../store/test-helpers';
import { datasetFolderName, uploadPathParts } from './dataset-import';
import { serviceFolderPerTest, webService } from './test-service';

let root: string;
let outer: string;
let projectsDir: string;

serviceFolderPerTest('neuroblocks-paths-', (folder) => {
  root = folder.root;
  outer = path.join(root, 'a');
  projectsDir = path.join(outer, 'b', 'projects');
  mkdirSync(projectsDir, { recursive: true });
});

function service() {
  return webService({ root, projectsDir });
}

/** Every file and folder under `dir`, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('relative locations', () => {
  it('resolve inside the projects folder only: one leading outside is refused and creates nothing', async () => {
    const api = service();
    const before = tree(root);
    for (const location of ['relative/../../../x.json', '../outside/sub/y.json', '../../z.nbproj', 'sub/../../w.json']) {
      await expect(api.saveProject(location, smallProject()), location).rejects.toMatchObject({
        code: 'bad-path',
        message: expect.stringContaining('leads outside the projects folder'),
      });
      await expect(api.openProject(location)).rejects.toMatchObject({ code: 'bad-path' });
    }
    expect(tree(root)).toEqual(before);
    expect(existsSync(path.join(outer, 'x.json'))).toBe(false);
  });

  it('a relative location inside the projects folder is saved there, folders included', async () => {
    const saved = await service().saveProject('course/week 1/mlp.json', smallProject());
    expect(saved.location).toBe(path.join(projectsDir, 'course', 'week 1', 'mlp.json'));
    expect(existsSync(saved.location)).toBe(true);
  });
});

describe('names Windows cannot hold are refused on every platform', () => {
  it('saving a project as CON, nul.nbproj, a trailing dot or inside a folder named LPT1 creates nothing', async () => {
    const api = service();
    const before = tree(root);
    for (const location of ['CON.json', path.join(projectsDir, 'nul.nbproj'), 'course/LPT1/x.json', 'com3.nbproj', 'week 1./x.json']) {
      const refused = api.saveProject(location, smallProject());
      await expect(refused, location).rejects.toMatchObject({ code: 'bad-name', fr: expect.stringContaining('Choisissez un autre nom') });
    }
    await expect(api.saveProject('AUX.json', smallProject())).rejects.toMatchObject({
      message: expect.stringMatching(/^Cannot save AUX\.json: "AUX\.json" is a name Windows reserves for a device/),
    });
    await expect(api.saveProjectAs('PRN', smallProject())).rejects.toMatchObject({
      code: 'bad-name',
      message: expect.stringContaining('"PRN.json" is a name Windows reserves'),
    });
    expect(tree(root)).toEqual(before);
  });

  it('an export folder named NUL is refused before anything is written', async () => {
    const outDir = path.join(root, 'NUL');
    await expect(service().exportModel({ project: smallProject(), format: 'keras', outDir })).rejects.toMatchObject({
      code: 'bad-name',
      message: expect.stringContaining('"NUL" is a name Windows reserves'),
      fr: expect.stringMatching(/^Impossible d’exporter dans .*NUL : .*Choisissez un autre dossier\.$/),
      problem: { code: 'export:badFolder' },
    });
    expect(existsSync(outDir)).toBe(false);
  });

  it('data set imports: an uploaded file named CON.png is refused, a data set named NUL gets a folder every platform holds', () => {
    expect(() => uploadPathParts('cats/CON.png')).toThrow(/"cats\/CON\.png" cannot be saved: "CON\.png" is a name Windows reserves/);
    expect(() => uploadPathParts('LPT1/cat.png')).toThrow(/is a name Windows reserves/);
    expect(() => uploadPathParts('cats/cat.png ')).toThrow(/ends with a dot or a space/);
    expect(uploadPathParts('cats/console.png')).toEqual(['cats', 'console.png']);
    expect(datasetFolderName('NUL')).toBe('NUL-data');
    expect(datasetFolderName('com1.csv')).toBe('com1-data');
    expect(datasetFolderName('spirals...')).toBe('spirals');
  });

  it('the command line refuses them too: train --save NUL.nbproj, export --out CON', async () => {
    const json = path.join(projectsDir, 'p.json');
    writeFileSync(json, JSON.stringify(smallProject()));
    const before = tree(root);
    const io = recordingIo();
    expect(await main(['train', json, '--save', path.join(projectsDir, 'NUL.nbproj'), '--epochs', '1'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('"NUL.nbproj" is a name Windows reserves for a device');
    expect(await main(['export', json, '--format', 'keras', '--out', path.join(projectsDir, 'CON')], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('"CON" is a name Windows reserves for a device');
    expect(tree(root)).toEqual(before);
  });
});

describe('errors quote only data files', () => {
  it('previewing /etc/passwd or a private text file as CSV says it is not a CSV file, quoting nothing of it', async () => {
    const api = service();
    const secret = path.join(root, 'secret.txt');
    writeFileSync(secret, 'TOP SECRET,password=hunter2\n1,2\n');
    for (const file of ['/etc/passwd', secret]) {
      let error: (Error & { fr?: string; details?: unknown; code?: string }) | undefined;
      try {
        await api.previewDataset({ kind: 'csv', path: file, labelColumn: 'label' });
      } catch (e) {
        error = e as typeof error;
      }
      expect(error?.code).toBe('data');
      expect(error?.message).toBe(
        `${path.basename(file)} is not a CSV file: a CSV data set is a table of values in a file whose name ends in .csv. Choose such a file, or export your table as CSV.`,
      );
      const everything = JSON.stringify({ message: error?.message, fr: error?.fr, details: error?.details });
      for (const content of ['root:', 'TOP SECRET', 'hunter2']) expect(everything).not.toContain(content);
    }
  });

  it('a real CSV file still names its columns when the label column is wrong', async () => {
    const csv = path.join(root, 'points.csv');
    writeFileSync(csv, 'x,y,kind\n1,2,a\n3,4,b\n');
    await expect(service().previewDataset({ kind: 'csv', path: csv, labelColumn: 'label' })).rejects.toMatchObject({
      details: { columns: ['x', 'y', 'kind'] },
    });
  });
});
