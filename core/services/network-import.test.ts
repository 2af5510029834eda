// "Import a network…" through the service: an ONNX file (a path, or uploaded in parts as the
// browser sends it) becomes a new project file with its pretrained weights, or a frozen base in an
// open project file; a refused file changes nothing.
import { problemText } from '../i18n/translate';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UserFacingError } from '../api/contract';
import { convThen, int, mobileLike, node } from '../import/onnx-test-models';
import { analyzeGraph } from '../model/analyze';
import { defaultBaseCut } from '../model/base-cut';
import { parseProject } from '../model/project-io';
import type { Project } from '../model/project';
import { ProjectStore } from '../store/project-store';
import { NeuroblocksService } from './services';
import { serviceFolderPerTest, webService } from './test-service';

let root: string;
let projectsDir: string;
serviceFolderPerTest('nb-network-import-', (folder) => ({ root, projectsDir } = folder), { makeProjectsDir: true });

const service = () => webService({ root, projectsDir });

async function upload(api: NeuroblocksService, fileName: string, bytes: Uint8Array, size = 1000): Promise<string> {
  const { uploadId } = await api.startNetworkUpload({ fileName });
  for (let start = 0; start < bytes.length; start += size)
    await api.uploadNetworkPart(uploadId, Buffer.from(bytes.subarray(start, start + size)).toString('base64'));
  return uploadId;
}

/** An image classifier to put a base into: Input 8×8×3 → Dense head. */
const headProject = (): Project =>
  parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'Shapes',
    graph: {
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [8, 8, 3] }, position: { x: 0, y: 0 } },
        { id: 'head', type: 'Dense', params: { units: 2, activation: 'softmax' }, position: { x: 0, y: 200 } },
      ],
      edges: [{ source: 'in', target: 'head' }],
    },
  });

const unsupported = () => convThen(node('LRN', ['c'], ['y'], 'norm1/LRN', [int('size', 3)]));

async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(Error);
  return error as UserFacingError;
}

describe('importing a network as a new project file', () => {
  it('an uploaded ONNX file becomes a project file, opened, with its blocks and its pretrained weights', async () => {
    const api = service();
    const uploadId = await upload(api, 'mobile.onnx', mobileLike());
    const imported = await api.importNetwork({ uploadId });
    expect(imported.location).toBe(path.join(projectsDir, 'mobile.nbproj'));
    // Named after the file chosen, not after where the upload waited.
    expect(imported.project.name).toBe('mobile');
    expect(imported.project.graph.nodes).toHaveLength(15);
    expect(imported.project.graph.nodes.map((n) => n.type)).toContain('DepthwiseConv2D');
    expect(imported.summary).toMatchObject({ source: 'mobile.onnx', format: 'onnx', blocks: 15 });
    expect(imported.summary.params).toBeGreaterThan(0);
    expect(imported.summary.notes.map((n) => problemText(n)).join(' ')).toMatch(/Read 19 ONNX operators/);
    const store = ProjectStore.open(imported.location!, { readOnly: true });
    try {
      const names = store.pretrained().map((w) => w.name);
      const depthwise = imported.project.graph.nodes.find((n) => n.type === 'DepthwiseConv2D')!;
      expect(names.filter((n) => n.startsWith(`${depthwise.id}/`)).length).toBeGreaterThan(0);
      expect(store.listPretrained().every((w) => w.source === 'mobile.onnx')).toBe(true);
      const weightCount = store.pretrained().reduce((sum, w) => sum + w.data.length, 0);
      expect(weightCount).toBe(imported.summary.params);
    } finally {
      store.close();
    }
    // Opened like any project: it is the most recent one, and the hidden upload is gone.
    expect((await api.listRecentProjects())[0].location).toBe(imported.location);
    expect((await readdir(projectsDir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('never replaces a file: a second import gets a free name; a path on this computer works as an upload does', async () => {
    const api = service();
    const file = path.join(root, 'mobile.onnx');
    await writeFile(file, mobileLike());
    const first = await api.importNetwork({ file });
    const before = await readFile(first.location!);
    const second = await api.importNetwork({ file });
    expect(second.location).toBe(path.join(projectsDir, 'mobile-2.nbproj'));
    expect((await readFile(first.location!)).equals(before)).toBe(true);
  });

  it('an operator the app cannot express is refused by name, in English and French, and nothing is kept', async () => {
    const api = service();
    const uploadId = await upload(api, 'odd.onnx', unsupported());
    const error = await refusal(api.importNetwork({ uploadId }));
    expect(error.message).toMatch(/^odd\.onnx cannot be imported: LRN node "norm1\/LRN": the app has no block for the ONNX operator LRN/);
    expect(error.fr).toMatch(/^odd\.onnx ne peut pas être importé : Le nœud LRN « norm1\/LRN »/);
    expect((error as UserFacingError).code).toBe('refused');
    expect(error.problem?.code).toBe('import:refused');
    expect(await readdir(projectsDir)).toEqual([]);
  });

  it('an upload left half-way a day ago is removed when another starts; one under way is kept', async () => {
    const api = service();
    const left = await upload(api, 'left.onnx', mobileLike());
    const other = service();
    const old = path.join(projectsDir, (await readdir(projectsDir))[0]);
    const { utimes } = await import('node:fs/promises');
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await utimes(old, dayAgo, dayAgo);
    const current = await upload(other, 'now.onnx', mobileLike());
    expect(existsSync(old)).toBe(false);
    expect(await readdir(projectsDir)).toHaveLength(1);
    await refusal(api.importNetwork({ uploadId: left }));
    expect((await other.importNetwork({ uploadId: current })).project.graph.nodes).toHaveLength(15);
  });

  it('a file of another kind is refused before it is sent, naming the extensions the app reads', async () => {
    const error = await refusal(service().startNetworkUpload({ fileName: 'weights.bin' }));
    expect(error.message).toMatch(/weights\.bin cannot be imported: the app reads \.onnx/);
    expect(error.fr).toMatch(/weights\.bin ne peut pas être importé : l’application lit les fichiers \.onnx/);
    expect(await readdir(projectsDir)).toEqual([]);
  });
});

describe('importing a network as a frozen base into an open project file', () => {
  it('goes after the Input as one frozen group, saved in the file with its weights under the group’s block ids', async () => {
    const api = service();
    const location = path.join(projectsDir, 'shapes.nbproj');
    await api.saveProject(location, headProject());
    const uploadId = await upload(api, 'mobile.onnx', mobileLike());
    const imported = await api.importNetwork({ uploadId }, { location, project: headProject() });
    expect(imported.location).toBe(location);
    const group = imported.summary.group!;
    expect(imported.project.graph.groups).toEqual([expect.objectContaining({ id: group, source: 'mobile.onnx', collapsed: true })]);
    const members = imported.project.graph.nodes.filter((n) => n.group === group);
    expect(members).toHaveLength(14); // every block of the network but its Input
    expect(members.filter((n) => 'trainable' in n.params).every((n) => n.params.trainable === false)).toBe(true);
    // The head now reads the base's last block; the project's Input feeds the base.
    const intoHead = imported.project.graph.edges.find((e) => e.target === 'head')!;
    expect(members.map((n) => n.id)).toContain(intoHead.source);
    expect(imported.project.graph.edges.some((e) => e.source === 'in' && members.some((n) => n.id === e.target))).toBe(true);

    const store = ProjectStore.open(location, { readOnly: true });
    try {
      expect(store.project().graph).toEqual(imported.project.graph);
      const weights = store.pretrained();
      expect(weights.length).toBeGreaterThan(0);
      expect(weights.every((w) => w.name.startsWith(`${group}_`) && members.some((n) => n.id === w.name.split('/')[0]))).toBe(true);
      expect(weights.reduce((sum, w) => sum + w.data.length, 0)).toBe(imported.summary.params);
    } finally {
      store.close();
    }
  });

  it('a refused network leaves the project file exactly as it was', async () => {
    const api = service();
    const location = path.join(projectsDir, 'shapes.nbproj');
    await api.saveProject(location, headProject());
    const read = () => {
      const store = ProjectStore.open(location, { readOnly: true });
      try {
        return { project: store.project(), versions: store.listVersions().length, pretrained: store.listPretrained().length };
      } finally {
        store.close();
      }
    };
    const before = read();
    const uploadId = await upload(api, 'odd.onnx', unsupported());
    const error = await refusal(api.importNetwork({ uploadId }, { location, project: headProject() }));
    expect(error.message).toMatch(/LRN node "norm1\/LRN"/);
    expect(read()).toEqual(before);
    expect(existsSync(location)).toBe(true);
    expect((await readdir(projectsDir)).filter((f) => f.startsWith('.network-upload-'))).toEqual([]);
  });

  it('a project saved as JSON cannot keep a base’s weights: it is told to save as .nbproj', async () => {
    const api = service();
    const file = path.join(root, 'mobile.onnx');
    await writeFile(file, mobileLike());
    const error = await refusal(api.importNetwork({ file }, { location: path.join(projectsDir, 'shapes.json'), project: headProject() }));
    expect(error.message).toMatch(/keeps the graph only\. Save the project as \.nbproj first\./);
    expect(error.fr).toMatch(/Enregistrez d’abord le projet en \.nbproj\./);
  });

  it('is read first to choose the cut: the base ends at the chosen block (by default the one before the classifier), with only its blocks’ weights', async () => {
    const api = service();
    const location = path.join(projectsDir, 'shapes.nbproj');
    await api.saveProject(location, headProject());
    const uploadId = await upload(api, 'mobile.onnx', mobileLike());
    const preview = await api.readNetwork({ uploadId });
    expect(preview.summary).toMatchObject({ source: 'mobile.onnx', format: 'onnx', blocks: 15 });
    const types = new Map(preview.graph.nodes.map((n) => [n.id, n.type]));
    const cut = defaultBaseCut(preview.graph)!;
    // Before the classifier: the Flatten the first Dense reads.
    expect(types.get(cut)).toBe('Flatten');
    // The upload waits for the choice.
    expect((await readdir(projectsDir)).filter((f) => f.startsWith('.network-upload-'))).toHaveLength(1);

    const imported = await api.importNetwork({ uploadId }, { location, project: headProject(), upTo: cut });
    const group = imported.summary.group!;
    const members = imported.project.graph.nodes.filter((n) => n.group === group);
    expect(members.map((n) => n.type)).not.toContain('Dense');
    const last = imported.project.graph.edges.find((e) => e.target === 'head')!.source;
    expect(last).toBe(`${group}_${cut}`);
    expect(imported.project.graph.nodes.find((n) => n.id === last)?.type).toBe('Flatten');
    const analysis = analyzeGraph(imported.project.graph);
    expect(analysis.valid).toBe(true);
    const store = ProjectStore.open(location, { readOnly: true });
    try {
      const weights = store.pretrained();
      expect(weights.every((w) => members.some((n) => n.id === w.name.split('/')[0]))).toBe(true);
      expect(weights.reduce((sum, w) => sum + w.data.length, 0)).toBe(analysis.nonTrainableParams);
    } finally {
      store.close();
    }
    expect((await readdir(projectsDir)).filter((f) => f.startsWith('.network-upload-'))).toEqual([]);
  });

  it('cut at an early block, the base ends there; a cancelled choice removes the upload and writes nothing', async () => {
    const api = service();
    const location = path.join(projectsDir, 'shapes.nbproj');
    await api.saveProject(location, headProject());
    const file = path.join(root, 'mobile.onnx');
    await writeFile(file, mobileLike());
    const preview = await api.readNetwork({ file });
    const firstConv = preview.graph.nodes.find((n) => n.type === 'Conv2D')!.id;
    const imported = await api.importNetwork({ file }, { location, project: headProject(), upTo: firstConv });
    const group = imported.summary.group!;
    expect(imported.project.graph.edges.find((e) => e.target === 'head')!.source).toBe(`${group}_${firstConv}`);
    expect(imported.project.graph.nodes.filter((n) => n.group === group).map((n) => n.type)).not.toContain('DepthwiseConv2D');

    const unknown = await refusal(api.importNetwork({ file }, { location, project: headProject(), upTo: 'fc9' }));
    expect(unknown.message).toMatch(/mobile\.onnx cannot be a base here: .*no block "fc9"/);
    expect(unknown.fr).toMatch(/pas de bloc « fc9 »/);

    const uploadId = await upload(api, 'mobile.onnx', mobileLike());
    await api.readNetwork({ uploadId });
    await api.discardNetworkUpload(uploadId);
    expect((await readdir(projectsDir)).filter((f) => f.startsWith('.network-upload-'))).toEqual([]);
    expect((await refusal(api.importNetwork({ uploadId }, { location, project: headProject() }))).message).toMatch(
      /upload is over or unknown/,
    );
  });
});
