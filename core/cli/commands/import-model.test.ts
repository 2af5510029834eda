import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { appPredict, maxAbsDiff } from '../../export/test-support';
import { importOnnx } from '../../import/onnx';
import { mobileLike, toNhwc, waves } from '../../import/onnx-test-models';
import { ProjectStore } from '../../store/project-store';
import { tempDirPerTest } from '../../store/test-dir';
import { main } from '../main';
import { recordingIo } from '../test-io';

let dir: string;
tempDirPerTest((path) => (dir = path), 'nb-import-model-');
const BATCH = 3;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('neuroblocks import-model', () => {
  it('creates a project file whose export without --run predicts what the ONNX file does', async () => {
    const onnxFile = join(dir, 'mobile.onnx');
    const bytes = mobileLike();
    writeFileSync(onnxFile, bytes);
    const project = join(dir, 'mobile.nbproj');
    const io = recordingIo();
    expect(await main(['import-model', onnxFile, '--out', project], io), io.text()).toBe(0);
    expect(io.text()).toMatch(/^Imported mobile\.onnx into .*mobile\.nbproj: 15 blocks, [\d,]+ parameters \([\d,]+ trainable\)/);
    expect(io.text()).toMatch(/Read 19 ONNX operators \(opset 14, written by neuroblocks-tests 1\) as 15 blocks\./);

    const store = ProjectStore.open(project);
    try {
      expect(store.project().graph.nodes.map((n) => n.type)).toContain('DepthwiseConv2D');
      expect(store.pretrained().length).toBe(importOnnx(bytes, 'mobile.onnx').weights.length);
    } finally {
      store.close();
    }

    const out = join(dir, 'export');
    const exportIo = recordingIo();
    expect(await main(['export', project, '--format', 'onnx', '--out', out], exportIo), exportIo.text()).toBe(0);
    const x = waves(BATCH * 3 * 8 * 8, 7, 2);
    const reference = await ort.InferenceSession.create(bytes);
    const expected = (await reference.run({ x: new ort.Tensor('float32', x, [BATCH, 3, 8, 8]) })).y.data as Float32Array;
    const exported = await ort.InferenceSession.create(
      join(
        out,
        readdirSync(out).find((f) => f.endsWith('.onnx'))!,
      ),
    );
    const y = (await exported.run({ [exported.inputNames[0]]: new ort.Tensor('float32', toNhwc(x, [BATCH, 3, 8, 8]), [BATCH, 8, 8, 3]) }))[
      exported.outputNames[0]
    ].data as Float32Array;
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
    // And the app itself, from the project file's graph and pretrained weights.
    const reopened = ProjectStore.open(project, { readOnly: true });
    try {
      const app = appPredict(tf, reopened.project().graph, reopened.pretrained(), toNhwc(x, [BATCH, 3, 8, 8]), [BATCH, 8, 8, 3]);
      expect(maxAbsDiff(app, expected)).toBeLessThan(1e-5);
    } finally {
      reopened.close();
    }
  });

  it('refuses to replace an existing file without --force, and replaces it with --force', async () => {
    const onnxFile = join(dir, 'mobile.onnx');
    writeFileSync(onnxFile, mobileLike());
    const project = join(dir, 'taken.nbproj');
    writeFileSync(project, 'precious');
    const io = recordingIo();
    expect(await main(['import-model', onnxFile, '--out', project], io)).toBe(1);
    expect(io.text()).toMatch(/taken\.nbproj already exists; it is left as it is\. Choose another name, or add --force to replace it\./);
    expect(readFileSync(project, 'utf8')).toBe('precious');
    const french = recordingIo();
    expect(await main(['import-model', onnxFile, '--out', project, '--lang', 'fr'], french)).toBe(1);
    expect(french.text()).toBe(
      'taken.nbproj existe déjà ; il est laissé tel quel. Choisissez un autre nom, ou ajoutez --force pour le remplacer.',
    );

    const forced = recordingIo();
    expect(await main(['import-model', onnxFile, '--out', project, '--force'], forced), forced.text()).toBe(0);
    expect(statSync(project).size).toBeGreaterThan(10_000);
    expect(readdirSync(dir).sort()).toEqual(['mobile.onnx', 'taken.nbproj']);
  });

  it('a file that cannot be imported leaves nothing behind and says why', async () => {
    const broken = join(dir, 'broken.onnx');
    writeFileSync(broken, mobileLike().subarray(0, 500));
    const io = recordingIo();
    expect(await main(['import-model', broken, '--out', join(dir, 'broken.nbproj')], io)).toBe(1);
    expect(io.text()).toMatch(/broken\.onnx cannot be imported: The file is not a complete ONNX model/);
    expect(readdirSync(dir)).toEqual(['broken.onnx']);

    const other = recordingIo();
    expect(await main(['import-model', join(dir, 'weights.bin'), '--out', join(dir, 'x.nbproj')], other)).toBe(1);
    expect(other.text()).toMatch(/weights\.bin cannot be imported: the app reads \.onnx.* files, and its name ends otherwise/);
    expect(existsSync(join(dir, 'x.nbproj'))).toBe(false);
  });

  it('without --out prints its usage', async () => {
    const io = recordingIo();
    expect(await main(['import-model', 'model.onnx'], io)).toBe(2);
    expect(io.text()).toMatch(/Usage: neuroblocks import-model <FILE> --out <PROJECT.nbproj> \[--force\]/);
  });
});
