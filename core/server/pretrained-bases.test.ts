// The pretrained bases through the service: the catalogue with each file's state, a download
// from a server on 127.0.0.1 (NEUROBLOCKS_PRETRAINED_URL) with its progress events, and a file
// that is not the published one refused.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BaseDownloadProgress } from '../api/contract';
import { pretrainedBase } from '../catalogue/entries';
import { writeBaseWeightsFile } from '../catalogue/test-support';
import { NeuroblocksService } from './services';

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
    expect(await readdir(path.join(root, 'config', 'pretrained'))).toEqual(['mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5']);
    expect((await api.listPretrainedBases()).find((b) => b.id === 'mobilenet_v2')?.state).toBe('downloaded');
  });

  it('refuses a file that is not the published one (its checksum), keeping nothing', async () => {
    const api = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: path.join(root, 'projects') });
    await expect(api.downloadPretrainedBase('vgg16')).rejects.toThrow(/is not the published one: its MD5 checksum is [0-9a-f]{32}, not 6d6bbae143d832006294945121d1f1fc/);
    expect(await readdir(path.join(root, 'config', 'pretrained'))).toEqual([]);
    expect((await api.listPretrainedBases())[0].state).toBe('absent');
  });
});
