import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist';
import type { Project } from '../model/project';
import { parseProject } from '../model/project-io';
import { AugmentationPreviewer } from './augmentation-preview';
import { NeuroblocksService } from './services';

let tf: typeof tfjs | undefined;
const previewer = new AugmentationPreviewer(async () => {
  const { selectBackend } = await import('../train/backend/index');
  tf = (await selectBackend()).tf;
  return tf;
});

const digits = loadMnist(50).train;
const digit = (index: number) => Array.from(digits.x.subarray(index * 784, (index + 1) * 784), (v) => Math.round(v * 1000) / 1000);

/** Input 28×28×1 → the given blocks one after the other → Flatten → Dense(10), on MNIST. */
function project(blocks: { type: string; params?: Record<string, unknown> }[], extra: Record<string, unknown> = {}): Project {
  const ids = ['in', ...blocks.map((b, i) => `${b.type.toLowerCase()}${i}`), 'flat', 'out'];
  const nodes = [
    { id: 'in', type: 'Input', params: { shape: [28, 28, 1] } },
    ...blocks.map((b, i) => ({ id: ids[i + 1], type: b.type, params: b.params ?? {} })),
    { id: 'flat', type: 'Flatten', params: {} },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ];
  const edges = ids.slice(1).map((target, i) => ({ source: ids[i], target }));
  return parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'Preview',
    graph: { nodes, edges },
    dataset: { kind: 'builtin', name: 'mnist', size: 50 },
    ...extra,
  });
}

/** Row-major 28×28 grey image mirrored left–right. */
const mirrored = (image: number[], side = 28) => image.map((_, i) => image[Math.floor(i / side) * side + (side - 1 - (i % side))]);

let augmentedCnn: Project;
beforeAll(async () => {
  augmentedCnn = parseProject(JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../projects/augmented-cnn.json'), 'utf8')));
});

describe('the augmentation preview', () => {
  it('puts a training digit through every augmentation block of the augmented CNN, eight times by default', async () => {
    const result = await previewer.preview(augmentedCnn, { sampleIndex: 3 });
    expect(result.applied.map((b) => b.type).join(', ')).toBe(
      'RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomCrop, RandomContrast, RandomBrightness',
    );
    expect(result.notApplied).toEqual([]);
    expect(result.originalShape).toEqual([28, 28, 1]);
    expect(result.shape).toEqual([24, 24, 1]);
    expect(result.images).toHaveLength(8);
    for (const image of result.images) {
      expect(image).toHaveLength(24 * 24);
      expect(Math.min(...image)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...image)).toBeLessThanOrEqual(1);
    }
    expect(result.original).toEqual(digit(3));
    expect(result.sampleIndex).toBe(3);
    expect(result.sampleCount).toBe(8000);
    expect(result.label).toBe(String(digits.y[3]));
    // Every draw is different: each image got its own random transform.
    expect(new Set(result.images.map((i) => i.join())).size).toBe(8);
  });

  it('gives the same images for the same seed, and new ones for another seed', async () => {
    const first = await previewer.preview(augmentedCnn, { seed: 7, count: 4 });
    const again = await previewer.preview(augmentedCnn, { seed: 7, count: 4 });
    const reroll = await previewer.preview(augmentedCnn, { seed: 8, count: 4 });
    expect(again.images).toEqual(first.images);
    expect(reroll.original).toEqual(first.original);
    expect(reroll.images).not.toEqual(first.images);
    reroll.images.forEach((image, i) => expect(image).not.toEqual(first.images[i]));
  });

  it('a horizontal RandomFlip shows the digit either as it is or mirrored left–right, both within 16 draws', async () => {
    const result = await previewer.preview(project([{ type: 'RandomFlip', params: { mode: 'horizontal' } }]), {
      count: 16,
      sampleIndex: 5,
    });
    const original = digit(5);
    const mirror = mirrored(original);
    expect(mirror).not.toEqual(original);
    const kinds = result.images.map((image) =>
      image.join() === original.join() ? 'same' : image.join() === mirror.join() ? 'mirrored' : 'other',
    );
    expect(kinds).not.toContain('other');
    expect(new Set(kinds)).toEqual(new Set(['same', 'mirrored']));
  });

  it('leaves the image unchanged when RandomRotation turns by at most 0', async () => {
    const result = await previewer.preview(project([{ type: 'RandomRotation', params: { factor: 0 } }]), { count: 3 });
    const original = digit(0);
    for (const image of result.images) image.forEach((v, i) => expect(v).toBeCloseTo(original[i], 2));
  });

  it('shows the images as they are when training standardises its inputs (the draw is made on standardised values)', async () => {
    const result = await previewer.preview(
      project([{ type: 'RandomRotation', params: { factor: 0 } }], { training: { normalize: true } }),
      { count: 2 },
    );
    const original = digit(0);
    for (const image of result.images) image.forEach((v, i) => expect(v).toBeCloseTo(original[i], 2));
  });

  it('names the augmentation blocks it leaves out because they come after another block', async () => {
    const p = project([{ type: 'RandomFlip' }, { type: 'Conv2D', params: { filters: 2, kernelSize: 3 } }, { type: 'RandomZoom' }]);
    const result = await previewer.preview(p, { count: 1 });
    expect(result.applied).toEqual([{ id: 'randomflip0', type: 'RandomFlip' }]);
    expect(result.notApplied).toEqual([{ id: 'randomzoom2', type: 'RandomZoom', after: { id: 'conv2d1', type: 'Conv2D' } }]);

    const late = project([{ type: 'Conv2D', params: { filters: 2, kernelSize: 3 } }, { type: 'RandomZoom' }]);
    await expect(previewer.preview(late)).rejects.toMatchObject({
      code: 'no-augmentation',
      message: expect.stringContaining('RandomZoom "randomzoom1" comes after Conv2D "conv2d0"'),
      fr: expect.stringContaining('RandomZoom « randomzoom1 » vient après Conv2D « conv2d0 » : connectez les blocs d’augmentation'),
      problem: { code: 'augment:noChainOutside', params: { id: 'in' } },
    });
  });

  it('says how to add an augmentation block when there is none', async () => {
    await expect(previewer.preview(project([]))).rejects.toMatchObject({
      code: 'no-augmentation',
      message: expect.stringContaining('Add one (for example RandomFlip'),
      fr: expect.stringContaining('Ajoutez-en un (par exemple RandomFlip'),
      problem: { code: 'augment:noChain' },
    });
  });

  it('names the block and the parameter of a graph error, e.g. a crop larger than the image', async () => {
    const p = project([{ type: 'RandomFlip' }, { type: 'RandomCrop', params: { height: 40, width: 20 } }]);
    const error = await previewer.preview(p).then(
      () => undefined,
      (e: unknown) => e as Error & { code: string; fr: string; details: { nodeId: string; param: string }[] },
    );
    if (!error) throw new Error('A crop larger than the image was previewed.');
    expect(error).toMatchObject({ code: 'invalid-graph' });
    expect(error.message).toContain('RandomCrop "randomcrop1"');
    expect(error.message).toContain('set `height` to at most 28');
    // The graph's own problem inside the preview's, in each language.
    expect(error).toMatchObject({
      problem: { code: 'augment:invalidGraph', params: { first: { code: expect.stringMatching(/^(params|shapes):/) } } },
    });
    expect(error.fr).toMatch(/^L’aperçu ne peut pas être affiché tant que ceci n’est pas corrigé : RandomCrop « randomcrop1 »/);
    expect(error.details[0]).toMatchObject({ nodeId: 'randomcrop1', param: 'height' });
  });

  it('refuses data that are not images, and image numbers outside the training split, in plain words', async () => {
    const spirals = project([{ type: 'RandomFlip' }], { dataset: { kind: 'builtin', name: 'spirals' } });
    await expect(previewer.preview(spirals)).rejects.toMatchObject({
      code: 'not-images',
      message: expect.stringContaining('"spirals" is made of points'),
    });
    const csv = project([{ type: 'RandomFlip' }], { dataset: { kind: 'csv', path: 'data/iris.csv', labelColumn: 'species' } });
    await expect(previewer.preview(csv)).rejects.toMatchObject({
      code: 'not-images',
      message: expect.stringContaining('iris.csv holds rows of numbers'),
    });
    const noData = project([{ type: 'RandomFlip' }], { dataset: undefined });
    await expect(previewer.preview(noData)).rejects.toMatchObject({ code: 'no-dataset' });
    await expect(previewer.preview(project([{ type: 'RandomFlip' }]), { sampleIndex: 50 })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('from 0 to 49'),
      fr: 'Le numéro de l’image doit être un nombre entier de 0 à 49 (reçu : 50).',
    });
    await expect(previewer.preview(project([{ type: 'RandomFlip' }]), { count: 0 })).rejects.toMatchObject({ code: 'bad-request' });
    const wrongShape = parseProject({ ...project([{ type: 'RandomFlip' }]), graph: { ...project([]).graph } });
    wrongShape.graph.nodes[0].params.shape = [32, 32, 1];
    wrongShape.graph.nodes.push({ id: 'flip', type: 'RandomFlip', params: {} });
    wrongShape.graph.edges.push({ source: 'in', target: 'flip' });
    await expect(previewer.preview(wrongShape)).rejects.toMatchObject({
      code: 'shape-mismatch',
      message: expect.stringContaining('set `shape` to [28, 28, 1]'),
    });
  });

  it('leaves no tensor behind', async () => {
    await previewer.preview(augmentedCnn, { count: 2 });
    const before = tf!.memory().numTensors;
    await previewer.preview(augmentedCnn, { count: 9, seed: 3 });
    await previewer.preview(project([{ type: 'RandomFlip' }, { type: 'RandomRotation' }]), { count: 4 });
    expect(tf!.memory().numTensors).toBe(before);
  });
});

describe('the augmentation preview of an image folder', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-augment-'));
    for (const [name, colour] of [
      ['red', [255, 0, 0]],
      ['blue', [0, 0, 255]],
    ] as const) {
      await mkdir(path.join(root, 'signs', name), { recursive: true });
      for (let i = 0; i < 5; i++) {
        // A coloured left half and a black right half, so that a flip shows.
        const raw = Buffer.alloc(8 * 8 * 3);
        for (let p = 0; p < 64; p++) if (p % 8 < 4) raw.set(colour, p * 3);
        await sharp(raw, { raw: { width: 8, height: 8, channels: 3 } })
          .png()
          .toFile(path.join(root, 'signs', name, `${i}.png`));
      }
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads the folder next to the project file and shows RGB images', async () => {
    const p = parseProject({
      format: 'neuroblocks.project',
      version: 1,
      name: 'Signs',
      graph: {
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [8, 8, 3] } },
          { id: 'flip', type: 'RandomFlip', params: { mode: 'horizontal' } },
          { id: 'flat', type: 'Flatten', params: {} },
          { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' } },
        ],
        edges: [
          { source: 'in', target: 'flip' },
          { source: 'flip', target: 'flat' },
          { source: 'flat', target: 'out' },
        ],
      },
      dataset: { kind: 'imageFolder', path: 'signs' },
    });
    const api = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: root });
    const result = await api.previewAugmentation({ project: p, location: path.join(root, 'signs.nbproj'), count: 12 });
    expect(result.shape).toEqual([8, 8, 3]);
    expect(result.sampleCount).toBe(8);
    expect(['red', 'blue']).toContain(result.label);
    const pixel = (image: number[], x: number) => image.slice(x * 3, x * 3 + 3);
    expect(pixel(result.original, 7)).toEqual([0, 0, 0]);
    expect(result.images.some((image) => pixel(image, 7).some((v) => v > 0.9))).toBe(true);
    expect(result.images.some((image) => pixel(image, 0).some((v) => v > 0.9))).toBe(true);
  });

  it('is served for a project opened from the examples', async () => {
    const api = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: root });
    const { project: example } = await api.openExample('augmented-cnn');
    const result = await api.previewAugmentation({ project: example, count: 2, seed: 5 });
    expect(result.images).toHaveLength(2);
    await expect(api.previewAugmentation({ project: { ...example, graph: { nodes: 'x' } } as unknown as Project })).rejects.toMatchObject({
      code: 'project',
    });
  });
});
