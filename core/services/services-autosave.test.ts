import { chmod } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutosaveUpdate } from '../api/contract';
import { problemText } from '../i18n/translate';
import { ProjectStore } from '../store/index';
import { ProjectAutosaver } from './autosave';
import type { NeuroblocksService } from './services';
import { serviceFolderPerTest, webService, type ServiceFolder } from './test-service';

let folder: ServiceFolder;
let api: NeuroblocksService;

serviceFolderPerTest('neuroblocks-autosave-', (f) => (folder = f));
afterEach(() => api?.closeProjectFiles());

function service(autosaver?: ProjectAutosaver) {
  api = webService(folder, { autosaver });
  return api;
}

/** The service with the Spirals example saved as `file` in its projects folder. */
async function savedSpirals(file: string) {
  const api = service();
  const { project } = await api.openExample('spirals-mlp');
  const { location } = await api.saveProjectAs(file, project);
  return { api, project, location };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The project as another process would read it from the file. */
function readFromFile(location: string) {
  const other = ProjectStore.open(location, { readOnly: true });
  try {
    return other.project();
  } finally {
    other.close();
  }
}

describe('autosave of .nbproj projects', () => {
  it('writes an edit to the file within about a second without a save, readable by another connection', async () => {
    const api = service();
    const updates: AutosaveUpdate[] = [];
    api.onAutosave((update) => updates.push(update));
    const { project } = await api.openExample('spirals-mlp');
    const { location } = await api.saveProjectAs('spirals.nbproj', project);
    const edited = {
      ...project,
      name: 'Spirals, edited',
      graph: { ...project.graph, nodes: project.graph.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 11, y: 22 } } : n)) },
    };
    await api.autosaveProject(location, edited);
    expect(readFromFile(location).name).toBe(project.name);
    await sleep(1200);
    const onDisk = readFromFile(location);
    expect(onDisk.name).toBe('Spirals, edited');
    expect(onDisk.graph.nodes[0].position).toEqual({ x: 11, y: 22 });
    expect(updates).toEqual([{ location, savedAt: expect.any(String) }]);
    // The autosave is a version of its own, after the one the file was created with.
    const store = ProjectStore.open(location, { readOnly: true });
    expect(
      store
        .listVersions()
        .map((v) => v.kind)
        .slice(0, 2),
    ).toEqual(['autosave', 'created']);
    store.close();
  });

  it('a burst of edits is written within a second of its first edit, ending with the last', async () => {
    const { api, project, location } = await savedSpirals('burst.nbproj');
    const started = Date.now();
    for (let i = 1; Date.now() - started < 1400; i++) {
      await api.autosaveProject(location, { ...project, name: `Edit ${i}` });
      if (Date.now() - started > 1100) expect(readFromFile(location).name).not.toBe(project.name);
      await sleep(100);
    }
    await api.autosaveProject(location, { ...project, name: 'Last edit' });
    await sleep(1100);
    expect(readFromFile(location).name).toBe('Last edit');
  });

  it('an explicit save is never overwritten by an older pending autosave', async () => {
    const { api, project, location } = await savedSpirals('order.nbproj');
    await api.autosaveProject(location, { ...project, name: 'Pending' });
    await api.saveProject(location, { ...project, name: 'Saved' });
    await sleep(1200);
    expect(readFromFile(location).name).toBe('Saved');
  });

  it('refuses project JSON and a write-protected file with a clear error', async () => {
    const api = service();
    const { project } = await api.openExample('spirals-mlp');
    const json = await api.saveProjectAs('plain.json', project);
    await expect(api.autosaveProject(json.location, project)).rejects.toMatchObject({
      code: 'no-autosave',
      message: expect.stringMatching(/saved only when you choose Save/),
      fr: 'plain.json est un projet JSON, enregistré seulement quand vous choisissez Enregistrer. Enregistrez le projet en .nbproj pour que les modifications soient enregistrées automatiquement.',
      problem: { code: 'project:notAutosaved', params: { file: 'plain.json', extension: '.nbproj' } },
    });
    if (process.getuid?.() === 0) return; // root writes through file permissions
    const file = await api.saveProjectAs('locked.nbproj', project);
    await chmod(file.location, 0o444);
    await expect(api.autosaveProject(file.location, { ...project, name: 'Lost?' })).rejects.toMatchObject({
      message: expect.stringMatching(/cannot be saved automatically.*Save As/),
    });
    expect(readFromFile(file.location).name).toBe(project.name);
  });

  it('a failed autosave (disk full) reaches the UI as an event, and the saved project still reads back', async () => {
    const autosaver = new ProjectAutosaver({
      onOpen: (store) => store.connection.pragma(`max_page_count = ${store.connection.pragma('page_count', { simple: true })}`),
    });
    const api = service(autosaver);
    const updates: AutosaveUpdate[] = [];
    api.onAutosave((update) => updates.push(update));
    const { project } = await api.openExample('mnist-cnn');
    const { location } = await api.saveProjectAs('full.nbproj', project);
    const big = { ...project, name: 'Too big for the disk', description: 'x'.repeat(9_000) };
    await api.autosaveProject(location, big);
    await sleep(1200);
    expect(updates).toEqual([{ location, error: expect.objectContaining({ code: 'project:autosaveFailed' }) }]);
    expect(problemText(updates[0].error!, 'en')).toMatch(/could not be saved automatically to full\.nbproj: .*disk is full/);
    expect(problemText(updates[0].error!, 'fr')).toMatch(
      /^Les modifications n’ont pas pu être enregistrées automatiquement dans full\.nbproj : Impossible d’enregistrer automatiquement le projet : le disque est plein/,
    );
    expect(readFromFile(location).name).toBe(project.name);
  });
});
