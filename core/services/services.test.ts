import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problem } from '../i18n/catalogue';
import type { Project } from '../model/project';
import { NeuroblocksService, type NativeDialogs } from './services';
import { serviceFolderPerTest, webService } from './test-service';
import { ProjectStore } from '../store/index';

let root: string;
let projectsDir: string;
serviceFolderPerTest('neuroblocks-services-', (folder) => ({ root, projectsDir } = folder));

function service(extra: Partial<ConstructorParameters<typeof NeuroblocksService>[0]> = {}) {
  return webService({ root, projectsDir }, extra);
}

/** `project` with kernels too large for its images in every Conv2D: a graph with errors. */
function withHugeKernels(project: Project): Project {
  const nodes = project.graph.nodes.map((n) => (n.type === 'Conv2D' ? { ...n, params: { ...n.params, kernelSize: 99 } } : n));
  return { ...project, graph: { ...project.graph, nodes } };
}

describe('examples', () => {
  it('lists the shipped examples with their parameter counts', async () => {
    const examples = await service().listExamples();
    const cnn = examples.find((e) => e.id === 'mnist-cnn');
    expect(cnn).toMatchObject({ totalParams: 42_358 });
    expect(cnn!.blockCount).toBeGreaterThan(5);
    expect(examples.find((e) => e.id === 'vgg16-transfer')?.totalParams).toBe(14_920_598);
  });

  it('opens an example as an unsaved project and refuses names outside the examples', async () => {
    const api = service();
    const opened = await api.openExample('mnist-cnn');
    expect(opened.location).toBeUndefined();
    expect(opened.project.graph.nodes.length).toBeGreaterThan(5);
    for (const bad of ['../package', 'nope', '']) await expect(api.openExample(bad)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('project files', () => {
  it('creates an empty project or a copy of an example', async () => {
    const api = service();
    expect((await api.newProject()).project).toMatchObject({
      name: 'Untitled',
      graph: { nodes: [], edges: [] },
      training: { optimizer: 'adam' },
    });
    const copy = await api.newProject({ fromExample: 'spirals-mlp', name: 'My spirals' });
    expect(copy.project.name).toBe('My spirals');
    expect(copy.project.graph.nodes.length).toBeGreaterThan(1);
  });

  it('saves under a name in the projects folder, lists it, remembers it and opens it again', async () => {
    const api = service();
    const { project } = await api.openExample('mnist-cnn');
    const saved = await api.saveProjectAs('my cnn', project);
    expect(saved.location).toBe(path.join(projectsDir, 'my cnn.json'));
    expect(await api.listProjectFiles()).toEqual([
      expect.objectContaining({ fileName: 'my cnn.json', name: project.name, location: saved.location }),
    ]);
    const reopened = await api.openProject(saved.location);
    expect(reopened).toEqual({ project, location: saved.location });
    // Recent projects survive a restart (a new service over the same config directory).
    expect(await service().listRecentProjects()).toEqual([expect.objectContaining({ location: saved.location, name: project.name })]);
  });

  it('refuses to replace an existing file unless asked, and refuses names with folders in them', async () => {
    const api = service();
    const { project } = await api.newProject();
    await api.saveProjectAs('a.json', project);
    await expect(api.saveProjectAs('a', project)).rejects.toMatchObject({ code: 'exists' });
    await expect(api.saveProjectAs('a', { ...project, name: 'Second' }, { overwrite: true })).resolves.toBeTruthy();
    expect((await api.openProject('a.json')).project.name).toBe('Second');
    for (const bad of ['../escape', 'sub/dir', '.hidden', 'a\\b'])
      await expect(api.saveProjectAs(bad, project)).rejects.toMatchObject({ code: 'bad-name' });
  });

  it('never overwrites a file that is not a project, nor writes other kinds of files', async () => {
    const api = service();
    const { project } = await api.newProject();
    const notes = path.join(root, 'notes.json');
    await writeFile(notes, '{"shopping": ["milk"]}');
    await expect(api.saveProject(notes, project)).rejects.toMatchObject({ code: 'exists' });
    expect(await readFile(notes, 'utf8')).toBe('{"shopping": ["milk"]}');
    await expect(api.saveProject(path.join(root, 'profile.sh'), project)).rejects.toMatchObject({ code: 'not-a-project' });
  });

  it('refuses an invalid project with the path of the problem', async () => {
    const api = service();
    const { project } = await api.newProject();
    const broken = { ...project, graph: { nodes: [{ id: 'x' }], edges: [] } } as unknown as typeof project;
    await expect(api.saveProjectAs('broken', broken)).rejects.toMatchObject({
      code: 'project',
      message: expect.stringContaining('graph.nodes[0].type'),
    });
    await expect(api.saveProjectAs('broken', broken)).rejects.toMatchObject({
      message: 'The project cannot be saved: graph.nodes[0].type: is missing; it must be text.',
      fr: 'Le projet ne peut pas être enregistré : graph.nodes[0].type : valeur manquante ; il faut un texte.',
    });
  });

  it('explains why a damaged or missing file cannot be opened', async () => {
    const api = service();
    const damaged = path.join(root, 'damaged.json');
    await writeFile(damaged, '{"format": "neuroblocks.project", "version": 1, "graph": ');
    await expect(api.openProject(damaged)).rejects.toMatchObject({
      code: 'project',
      message: expect.stringContaining('not valid JSON'),
      fr: 'damaged.json : Ce projet ne peut pas être ouvert : le fichier n’est pas du JSON valide : le texte s’arrête trop tôt à la ligne 1, colonne 58.',
    });
    await expect(api.openProject(path.join(root, 'missing.json'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(api.importProject('{"nodes": [], "edges": []}')).resolves.toMatchObject({ project: { graph: { nodes: [] } } });
  });

  it('forgets a recent project and skips files that were deleted', async () => {
    const api = service();
    // An example as it ships (unsaved): the new project file newProject would create is not in the way.
    const { project } = await api.openExample('spirals-mlp');
    const a = await api.saveProjectAs('a', project);
    const b = await api.saveProjectAs('b', project);
    expect((await api.listRecentProjects()).map((r) => r.location)).toEqual([b.location, a.location]);
    await rm(b.location);
    expect((await api.listRecentProjects()).map((r) => r.location)).toEqual([a.location]);
    expect(await api.forgetRecentProject(a.location)).toEqual([]);
  });

  it('changes the projects folder only to an existing folder', async () => {
    const api = service();
    await expect(api.setProjectsDirectory(path.join(root, 'nowhere'))).rejects.toMatchObject({ code: 'not-found' });
    expect((await api.setProjectsDirectory(root)).projectsDirectory).toBe(root);
    expect((await service().getAppInfo()).projectsDirectory).toBe(root);
  });
});

describe('dialogs, analysis, data sets, backend', () => {
  it('has no dialogs on the web host and adds the extension to a desktop dialog choice', async () => {
    await expect(service().showOpenDialog()).rejects.toMatchObject({
      code: 'no-dialogs',
      message: 'File dialogs exist only in the desktop app; here, pick a file from the projects folder.',
      problem: { code: 'project:noDialogs' },
    });
    const dialogs: NativeDialogs = {
      showOpen: async () => undefined,
      showSave: async ({ suggestedName }) => path.join(root, suggestedName.replace('.json', '')),
      showFolder: async ({ directory }) => directory,
    };
    const desktop = service({ host: 'desktop', dialogs });
    expect(await desktop.getAppInfo()).toMatchObject({ host: 'desktop', nativeDialogs: true, version: '9.9.9' });
    expect(await desktop.showSaveDialog('CNN')).toBe(path.join(root, 'CNN.json'));
    expect(await desktop.showOpenDialog()).toBeUndefined();
    expect(await desktop.showFolderDialog()).toBe(projectsDir);
    await expect(service().showFolderDialog()).rejects.toMatchObject({ code: 'no-dialogs' });
  });

  it('offers only .nbproj files when a project must keep weights (a pretrained base’s target), every project file otherwise', async () => {
    const asked: string[][] = [];
    const dialogs: NativeDialogs = {
      showOpen: async ({ extensions }) => {
        asked.push(extensions);
        return path.join(root, 'class', 'digits.nbproj');
      },
      showSave: async () => undefined,
      showFolder: async () => undefined,
    };
    const desktop = service({ host: 'desktop', dialogs });
    expect(await desktop.showOpenDialog({ weights: true })).toBe(path.join(root, 'class', 'digits.nbproj'));
    await desktop.showOpenDialog();
    expect(asked[0]).toEqual(['.nbproj']);
    expect(asked[1]).toEqual(expect.arrayContaining(['.nbproj', '.json']));
  });

  it('analyses a graph and refuses a malformed one', async () => {
    const api = service();
    const { project } = await api.openExample('mnist-cnn');
    const analysis = await api.analyzeGraph(project.graph);
    expect(analysis).toMatchObject({ valid: true, totalParams: 42_358 });
    await expect(api.analyzeGraph({ nodes: 'x' } as never)).rejects.toMatchObject({ code: 'project' });
  });

  it('lists the built-in data sets', async () => {
    const sets = await service().listDatasets();
    expect(sets.find((s) => s.name === 'mnist')).toMatchObject({ inputShape: [28, 28, 1], classes: 10, generated: false });
    expect(sets.map((s) => s.name).sort()).toEqual(['circles', 'fashion-mnist', 'gaussians', 'mnist', 'spirals', 'xor']);
  });

  it('detects the backend once and reuses the answer', async () => {
    let calls = 0;
    const api = service({ detectBackend: async () => ({ backend: 'wasm', device: `CPU ${++calls}`, fallbacks: [] }) });
    expect(await api.getBackendInfo()).toEqual({ backend: 'wasm', device: 'CPU 1', fallbacks: [] });
    expect(await api.getBackendInfo()).toEqual({ backend: 'wasm', device: 'CPU 1', fallbacks: [] });
  });
});

describe('training engines', () => {
  it('keeps the Python of the PyTorch engine in the settings, looks for torch there, and tries a Python without saving it', async () => {
    const asked: (string | undefined)[] = [];
    const findPython = async ({ python }: { python?: string }) => {
      asked.push(python);
      return python === '/opt/torch/bin/python3'
        ? {
            available: true,
            python,
            torchVersion: '2.5.1',
            devices: [
              { kind: 'cuda' as const, name: 'NVIDIA H100', memoryBytes: 80e9 },
              { kind: 'cpu' as const, name: 'CPU', threads: 16 },
            ],
          }
        : { available: false, python: python ?? '/usr/bin/python3', devices: [], reason: problem('train:noPython', {}) };
    };
    const tfjs = { backend: 'wasm', device: 'CPU', fallbacks: [] };
    const api = service({ findPython, detectBackend: async () => tfjs });
    expect(await api.getTrainingEngines()).toEqual({
      tfjs,
      pytorch: expect.objectContaining({ available: false, reason: { code: 'train:noPython', params: {} } }),
    });
    expect(await api.setPythonPath('  /opt/torch/bin/python3 ')).toEqual({
      tfjs,
      pythonSetting: '/opt/torch/bin/python3',
      pytorch: expect.objectContaining({ available: true, torchVersion: '2.5.1' }),
    });
    // Kept across restarts, and used to train.
    const again = service({ findPython, detectBackend: async () => tfjs });
    expect((await again.getTrainingEngines()).pythonSetting).toBe('/opt/torch/bin/python3');
    expect((await again.getTrainingEngines({ python: '/elsewhere/python' })).pythonSetting).toBe('/opt/torch/bin/python3');
    expect(asked).toEqual([undefined, '/opt/torch/bin/python3', '/opt/torch/bin/python3', '/elsewhere/python']);
    // Empty: look for a Python again.
    expect((await again.setPythonPath('')).pythonSetting).toBeUndefined();
    expect(JSON.parse(await readFile(path.join(root, 'config', 'settings.json'), 'utf8'))).not.toHaveProperty('python');
    await expect(again.setPythonPath(42 as never)).rejects.toMatchObject({
      code: 'bad-request',
      fr: expect.stringContaining('Le réglage Python'),
      problem: { code: 'api:pythonSetting' },
    });
  });

  it('finds the Debian PyTorch set in the settings, its version and what it sees', async () => {
    const api = service({ detectBackend: async () => ({ backend: 'wasm', device: 'CPU', fallbacks: [] }) });
    await api.setPythonPath('/usr/bin/python3');
    const { pytorch } = await api.getTrainingEngines();
    expect(pytorch).toMatchObject({ available: true, python: '/usr/bin/python3', torchVersion: expect.stringMatching(/^\d+\.\d+/) });
    expect(pytorch.devices).toContainEqual(expect.objectContaining({ kind: 'cpu', threads: expect.any(Number) }));
  }, 60_000);
});

describe('training', () => {
  it('trains for real in a worker, relays the events without weights, and allows one run at a time', async () => {
    const api = service();
    const { project } = await api.openExample('spirals-mlp');
    const updates: import('../api/contract').TrainingUpdate[] = [];
    const finished = new Promise<void>((resolve) =>
      api.onTrainingEvent((update) => {
        updates.push(update);
        if (update.event.type === 'final') resolve();
      }),
    );
    const { sessionId } = await api.startTraining(project, { epochs: 2, size: 200, seed: 3 });
    await expect(api.startTraining(project, { epochs: 1 })).rejects.toMatchObject({ code: 'busy' });
    await finished;
    expect(updates.every((u) => u.sessionId === sessionId)).toBe(true);
    const types = updates.map((u) => u.event.type);
    expect(types[0]).toBe('started');
    expect(types.filter((t) => t === 'epoch')).toHaveLength(2);
    const final = updates.at(-1)!.event;
    expect(final).toMatchObject({ type: 'final', state: 'completed', epochsCompleted: 2 });
    expect(updates.some((u) => 'weights' in u.event)).toBe(false);
    await expect(api.stopTraining()).rejects.toMatchObject({ code: 'not-training' });
  });

  it('refuses to train a graph with errors, naming the problem', async () => {
    const api = service();
    const { project } = await api.openExample('mnist-cnn');
    const broken = withHugeKernels(project);
    await expect(api.startTraining(broken)).rejects.toMatchObject({ code: 'invalid-graph' });
  });

  it('says in French too what a French interface shows of its refusals', async () => {
    const api = service();
    const { project } = await api.openExample('mnist-cnn');
    const broken = withHugeKernels(project);
    await expect(api.startTraining(broken)).rejects.toMatchObject({
      fr: expect.stringMatching(
        /^Le modèle ne peut pas être entraîné tant que ses 2 erreurs ne sont pas corrigées : Conv2D « conv1 » : `kernelSize` doit être/,
      ),
    });
    const { dataset: _dataset, ...withoutData } = project;
    await expect(api.startTraining(withoutData)).rejects.toMatchObject({
      code: 'no-dataset',
      fr: 'Choisissez un jeu de données pour le projet avant de l’entraîner.',
    });
    const missing = path.join(root, 'missing.json');
    await expect(api.openProject(missing)).rejects.toMatchObject({
      code: 'not-found',
      fr: `Impossible d’ouvrir ${missing} : le fichier ou son dossier n’existe pas.`,
    });
    const notSqlite = path.join(root, 'notes.nbproj');
    await writeFile(notSqlite, JSON.stringify(project));
    await expect(api.openProject(notSqlite)).rejects.toMatchObject({
      code: 'store-not-sqlite',
      fr: expect.stringContaining('n’est pas un fichier de projet Neuroblocks : il ressemble à du JSON.'),
    });
    // Every message keeps its English text for logs and the command line.
    await expect(api.openProject(notSqlite)).rejects.toMatchObject({
      message: expect.stringContaining('is not a Neuroblocks project file: it looks like JSON.'),
    });
  });
});

describe('SQLite project files', () => {
  it('saves and opens a .nbproj file, records a training run in it and lists the run', async () => {
    const api = service();
    const { project } = await api.openExample('spirals-mlp');
    const location = path.join(projectsDir, 'spirals.nbproj');
    await api.saveProject(location, project);
    expect(await api.openProject(location)).toEqual({ project, location });
    expect((await api.getAppInfo()).projectExtensions).toEqual(['.json', '.nbproj']);
    expect(await api.listRuns(location)).toEqual([]);
    const finished = new Promise<void>((resolve) => api.onTrainingEvent((u) => u.event.type === 'final' && resolve()));
    await api.startTraining(project, { epochs: 1, size: 100, location });
    await finished;
    // The recorder writes the final state right after the final event.
    let runs = await api.listRuns(location);
    for (let i = 0; i < 50 && runs[0]?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      runs = await api.listRuns(location);
    }
    expect(runs).toEqual([expect.objectContaining({ status: 'completed', epochs: 1 })]);
    const [details] = await api.listRunDetails(location);
    expect(details).toMatchObject({
      id: runs[0].id,
      status: 'completed',
      training: { optimizer: project.training.optimizer, batchSize: project.training.batchSize },
    });
    expect(details.epochMetrics).toEqual([
      expect.objectContaining({ epoch: 1, loss: expect.any(Number), valAccuracy: expect.any(Number) }),
    ]);
    const exported = await api.exportModel({ project, format: 'tfjs', runId: runs[0].id, location });
    expect(exported).toMatchObject({ trained: true, files: expect.arrayContaining(['model.json']) });
    const untrained = await api.exportModel({ project, format: 'keras', location, outDir: path.join(root, 'untrained-keras') });
    expect(untrained.trained).toBe(false);
    const logged = ProjectStore.open(location, { readOnly: true });
    try {
      expect(logged.listExports()).toEqual([
        expect.objectContaining({
          runId: runs[0].id,
          format: 'tfjs',
          path: exported.outDir,
          details: expect.objectContaining({ checkpoint: expect.stringMatching(/^(best|last)$/) }),
        }),
        expect.objectContaining({
          runId: undefined,
          format: 'keras',
          path: untrained.outDir,
          details: { files: untrained.files, weights: 'untrained' },
        }),
      ]);
    } finally {
      logged.close();
    }
    await expect(api.listRuns(path.join(projectsDir, 'a.json'))).rejects.toMatchObject({ code: 'no-runs' });
    await expect(api.listRunDetails(path.join(projectsDir, 'a.json'))).rejects.toMatchObject({ code: 'no-runs' });
  });
});

describe('export', () => {
  it('writes an untrained ONNX model and a Keras script into the projects folder', async () => {
    const api = service();
    const { project } = await api.openExample('spirals-mlp');
    const onnx = await api.exportModel({ project, format: 'onnx' });
    expect(onnx).toMatchObject({ format: 'onnx', trained: false, files: ['model.onnx'] });
    expect(onnx.outDir.startsWith(projectsDir)).toBe(true);
    expect((await readFile(path.join(onnx.outDir, 'model.onnx'))).length).toBeGreaterThan(100);
    const keras = await api.exportModel({ project, format: 'keras', outDir: path.join(root, 'keras') });
    expect(await readFile(path.join(root, 'keras', keras.files[0]), 'utf8')).toContain('keras');
    await expect(api.exportModel({ project, format: 'onnx', outDir: 'relative/dir' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(api.exportModel({ project, format: 'onnx', runId: 1 })).rejects.toMatchObject({ code: 'no-runs' });
  });
});
