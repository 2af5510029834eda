// Listing the projects folder reads a bounded part of each file: a large or malformed project
// never holds the host's event loop.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../store/index';
import { smallProject } from '../store/test-helpers';
import { serviceFolderPerTest, webService } from './test-service';

let root: string;
let projectsDir: string;
serviceFolderPerTest('neuroblocks-list-', (folder) => ({ root, projectsDir } = folder));

const header = (name: string) => `{"format":"neuroblocks.project","version":1,"name":${JSON.stringify(name)},"description":"`;

describe('listing the projects folder', () => {
  it('names large and malformed projects from their beginning, in little CPU time', async () => {
    const api = webService({ root, projectsDir });
    await mkdir(projectsDir);
    const filler = 'x'.repeat(40_000_000);
    // 40 MB each: one cut short (no closing brace), one with a syntax error at its very end.
    await writeFile(path.join(projectsDir, 'cut.json'), `${header('Cut short')}${filler}`);
    await writeFile(path.join(projectsDir, 'broken.json'), `${header('Broken')}${filler}",,}`);
    await writeFile(path.join(projectsDir, 'small.json'), JSON.stringify(smallProject('Small')));
    await writeFile(path.join(projectsDir, 'small-broken.json'), '{"format":"neuroblocks.project","version":1,"name":"Not valid",}');
    ProjectStore.create(path.join(projectsDir, 'stored.nbproj'), smallProject('Stored')).close();

    const start = process.cpuUsage();
    const files = await api.listProjectFiles();
    const used = process.cpuUsage(start);
    expect(Object.fromEntries(files.map((f) => [f.fileName, f.name]))).toEqual({
      'cut.json': 'Cut short',
      'broken.json': 'Broken',
      'small.json': 'Small',
      'small-broken.json': undefined,
      'stored.nbproj': 'Stored',
    });
    // Reading and checking 80 MB of JSON takes seconds; a bounded beginning of each, milliseconds.
    expect((used.user + used.system) / 1000).toBeLessThan(400);
  });
});
