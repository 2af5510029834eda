// The pretrained bases through the service: the catalogue with each file's state, a download
// from a server on 127.0.0.1 (NEUROBLOCKS_PRETRAINED_URL) with its progress events, and a file
// that is not the published one refused.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BaseDownloadProgress } from '../api/contract';
import { pretrainedBase } from '../model/bases/entries';
import { readKerasWeightsFile } from '../catalogue/keras-weights';
import { writeBaseWeightsFile } from '../catalogue/test-support';
import { analyzeGraph } from '../model/analyze';
import type { Project } from '../model/project';
import { parseProject } from '../model/project-io';
import { ProjectStore } from '../store/index';
import { NeuroblocksService } from './services';
import { chain } from '../model/test-graphs';

let root: string;
let server: Server;
const requests: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-bases-'));
  const mobilenet = path.join(root, 'mobilenet.h5');
  writeBaseWeightsFile(pretrainedBase('mobilenet_v2')!, mobilenet);
  const bytes = readFileSync(mobilenet);
  requests.length = 0;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-length': bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.NEUROBLOCKS_PRETRAINED_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror`;
});
afterEach(async () => {
  delete process.env.NEUROBLOCKS_PRETRAINED_URL;
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('pretrained bases through the service', () => {
  it('lists the catalogue, downloads a base into the user data folder with progress events, and lists it as downloaded', async () => {
    const api = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: path.join(root, 'projects') });
    const bases = await api.listPretrainedBases();
    expect(bases.map((b) => [b.id, b.name, b.params, b.state])).toEqual([
      ['vgg16', 'VGG16', 14_714_688, 'absent'],
      ['resnet50', 'ResNet50', 23_587_712, 'absent'],
      ['mobilenet_v2', 'MobileNetV2 (alpha 1.0)', 2_257_984, 'absent'],
      ['efficientnet_b0', 'EfficientNetB0', 4_049_571, 'absent'],
    ]);
    expect(bases[0].download.checksum).toEqual({ algorithm: 'md5', value: '6d6bbae143d832006294945121d1f1fc' });
    expect(bases[0]).not.toHaveProperty('build');

    const events: BaseDownloadProgress[] = [];
    const stop = api.onBaseDownloadProgress((p) => events.push(p));
    const info = await api.downloadPretrainedBase('mobilenet_v2');
    stop();
    expect(info.state).toBe('downloaded');
    expect(requests).toEqual(['/mirror/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5']);
    expect(events[0]).toMatchObject({ baseId: 'mobilenet_v2', received: 0 });
    expect(events.at(-1)).toEqual({ baseId: 'mobilenet_v2', received: info.bytes, total: info.bytes });
    expect(await readdir(path.join(root, 'config', 'pretrained'))).toEqual([
      'mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5',
    ]);
    expect((await api.listPretrainedBases()).find((b) => b.id === 'mobilenet_v2')?.state).toBe('downloaded');
  });

  it('refuses a file that is not the published one (its checksum), keeping nothing', async () => {
    const api = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: path.join(root, 'projects') });
    await expect(api.downloadPretrainedBase('vgg16')).rejects.toThrow(
      /is not the published one: its MD5 checksum is [0-9a-f]{32}, not 6d6bbae143d832006294945121d1f1fc/,
    );
    expect(await readdir(path.join(root, 'config', 'pretrained'))).toEqual([]);
    expect((await api.listPretrainedBases())[0].state).toBe('absent');
  });
});

/** A small image classifier on 32×32 colour images: Input → GlobalAveragePooling2D → Dense(2). */
const imageProject = (shape = [32, 32, 3]): Project =>
  parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'Flowers',
    graph: chain(['input', 'Input', { shape }], ['gap', 'GlobalAveragePooling2D'], ['out', 'Dense', { units: 2, activation: 'softmax' }]),
    dataset: { kind: 'builtin', name: 'mnist' },
  });

describe('adding a pretrained base to a project', () => {
  const service = () =>
    new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: path.join(root, 'projects') });

  it('puts the downloaded base, frozen, with its preprocessing, after the Input as a group, and keeps its weights in the project file', async () => {
    const api = service();
    await api.downloadPretrainedBase('mobilenet_v2');
    const location = path.join(root, 'flowers.nbproj');
    ProjectStore.create(location, imageProject()).close();
    const added = await api.addPretrainedBase({ location, project: imageProject(), baseId: 'mobilenet_v2' });
    expect(added.filled).toBe(false);
    const group = added.groupId!;
    expect(added.project.graph.groups).toEqual([
      {
        id: group,
        name: 'MobileNetV2 (alpha 1.0)',
        source: 'MobileNetV2 (alpha 1.0), ImageNet (Keras Applications: mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5)',
        collapsed: true,
      },
    ]);
    const ids = added.project.graph.nodes.map((n) => n.id);
    expect(ids.slice(0, 5)).toEqual(['input', 'gap', 'out', `${group}_preprocess_scale`, `${group}_Conv1`]);
    const analysis = analyzeGraph(added.project.graph);
    expect(analysis.errors).toEqual([]);
    // The base's 2,257,984, frozen, and the head: 1280 × 2 + 2.
    expect(analysis.totalParams).toBe(2_257_984 + 2_562);
    expect(analysis.trainableParams).toBe(2_562);
    expect(analysis.nodes.gap.inputShapes).toEqual([[1, 1, 1280]]);

    const store = ProjectStore.open(location, { readOnly: true });
    try {
      expect(store.project().graph.nodes.map((n) => n.id)).toEqual(ids);
      const kept = store.pretrained();
      expect(kept).toHaveLength(added.weights);
      // Conv1 and its BatchNormalization (5), the first block (10), 16 blocks of 15, Conv_1 and its BatchNormalization (5).
      expect(kept).toHaveLength(260);
      const file = (
        await readKerasWeightsFile(
          path.join(root, 'config', 'pretrained', 'mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5'),
        )
      ).find((l) => l.name === 'block_16_project')!;
      const projected = kept.find((w) => w.name === `${group}_block_16_project/kernel`)!;
      expect(projected.shape).toEqual([1, 1, 960, 320]);
      expect(Array.from(projected.data)).toEqual(Array.from(file.weights[0].data));
    } finally {
      store.close();
    }
  });

  it('fills the course’s VGG16 example with the real weights: its blocks stay, the preprocessing goes in front', async () => {
    const api = service();
    const vgg = pretrainedBase('vgg16')!;
    // A VGG16 file already downloaded and checked (the real one is 58 MB and needs the internet).
    mkdirSync(path.join(root, 'config', 'pretrained'), { recursive: true });
    const cached = path.join(root, 'config', 'pretrained', vgg.download.file);
    writeBaseWeightsFile(vgg, path.join(root, 'vgg16.h5'), 3);
    copyFileSync(path.join(root, 'vgg16.h5'), cached);
    const example = parseProject(JSON.parse(readFileSync(new URL('../../projects/vgg16-transfer.json', import.meta.url), 'utf8')));
    const location = path.join(root, 'vgg16-transfer.nbproj');
    ProjectStore.create(location, example).close();
    const added = await api.addPretrainedBase({ location, project: example, baseId: 'vgg16' });
    expect(added.filled).toBe(true);
    expect(added.groupId).toBeUndefined();
    expect(added.project.graph.nodes.slice(0, 4).map((n) => n.id)).toEqual([
      'input',
      'preprocess_scale',
      'preprocess_mean',
      'block1_conv1',
    ]);
    expect(analyzeGraph(added.project.graph).trainableParams).toBe(205_910);
    const store = ProjectStore.open(location, { readOnly: true });
    try {
      const kept = new Map(store.pretrained().map((w) => [w.name, w]));
      expect(kept.size).toBe(29);
      expect(Array.from(kept.get('preprocess_mean/mean')!.data)).toEqual(Array.from(Float32Array.of(123.68, 116.779, 103.939)));
      // block1_conv1's kernel with its input channels reversed (BGR → RGB); the others as in the file.
      const layers = await readKerasWeightsFile(cached);
      const file = (name: string) => layers.find((l) => l.name === name)!.weights[0].data;
      const kernel = kept.get('block1_conv1/kernel')!.data;
      for (const [p, c, f] of [
        [0, 0, 0],
        [4, 2, 63],
        [8, 1, 17],
      ])
        expect(kernel[(p * 3 + c) * 64 + f]).toBe(file('block1_conv1')[(p * 3 + (2 - c)) * 64 + f]);
      expect(Array.from(kept.get('block5_conv3/kernel')!.data.subarray(0, 100))).toEqual(Array.from(file('block5_conv3').subarray(0, 100)));
      expect(kept.has('dense1/kernel')).toBe(false);
    } finally {
      store.close();
    }
  });

  it('refuses a project whose Input cannot take the base, naming the block and the fix, and a base not downloaded yet', async () => {
    const api = service();
    const location = path.join(root, 'digits.nbproj');
    ProjectStore.create(location, imageProject([28, 28, 1])).close();
    const error = await api
      .addPretrainedBase({ location, project: imageProject([28, 28, 1]), baseId: 'resnet50' })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'ResNet50 takes square colour images of at least 32×32×3, but the Input block "input" has `shape` 28×28×1. Set its `shape` to e.g. [224, 224, 3] (or [64, 64, 3] for small images), then add the base.',
    );
    expect((error as { fr: string }).fr).toContain('mais le bloc Input « input » a la `shape` 28×28×1');
    expect((error as { problem?: { code: string } }).problem?.code).toBe('bases:inputShape');
    await expect(api.addPretrainedBase({ location, project: imageProject(), baseId: 'resnet50' })).rejects.toThrow(
      'ResNet50 has not been downloaded yet: download it first.',
    );
  });
});
