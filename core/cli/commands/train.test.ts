import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { recordingIo } from '../test-io';
import { chain } from '../../model/test-graphs';
import { projectJson, type ProjectJson } from '../../model/project-fixtures';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin', 'neuroblocks.js');

function xorProject(outputUnits = 2, dataset: ProjectJson['dataset'] = { kind: 'builtin', name: 'xor', size: 200 }) {
  return projectJson(
    'XOR',
    chain(
      ['in', 'Input', { shape: [2] }],
      ['hidden', 'Dense', { units: 12, activation: 'tanh' }],
      ['out', 'Dense', { units: outputUnits, activation: 'softmax' }],
    ),
    { dataset, training: { learningRate: 0.03, batchSize: 16, epochs: 30, seed: 2 } },
  );
}

function tempProject(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'nb-train-')), 'project.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('neuroblocks train', () => {
  it('--json prints one event per line and ends with the final result and its test accuracy (real bin, another cwd)', async () => {
    const file = tempProject(xorProject());
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'train', file, '--epochs', '8', '--backend', 'wasm', '--seed', '4', '--json'],
      {
        cwd: tmpdir(),
      },
    );
    const events = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ type: 'started', backend: 'wasm', epochs: 8, seed: 4 });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(8);
    const checkpoint = events.find((e) => e.type === 'checkpoint');
    expect(checkpoint.weights[0]).toEqual({ name: 'hidden/kernel', shape: [2, 12], dtype: 'float32', bytes: 96 });
    const final = events.at(-1);
    expect(final).toMatchObject({ type: 'final', state: 'completed', epochsCompleted: 8, backend: 'wasm' });
    expect(final.test.samples).toBe(50);
    expect(final.test.accuracy).toBeGreaterThan(0.8);
  });

  it('prints one line per epoch and the test accuracy without --json', async () => {
    const io = recordingIo();
    expect(await main(['train', tempProject(xorProject()), '--epochs', '2', '--size', '100', '--backend', 'wasm'], io)).toBe(0);
    const text = io.text();
    expect(text).toMatch(/Training "XOR" on wasm: CPU \(WASM/);
    expect(text).toMatch(/Epoch 2\/2 · loss \d\.\d{4} · accuracy \d+\.\d{2}% · val_loss/);
    expect(text).toMatch(/Test accuracy: \d+\.\d{2}% on 25 held-out samples/);
    expect(text).toContain('Done: Trained for 2 epochs.');
  });

  it('says when a frozen base is computed once per image', async () => {
    const xor = xorProject();
    const project = {
      ...xor,
      graph: {
        ...xor.graph,
        nodes: xor.graph.nodes.map((n) => (n.id === 'hidden' ? { ...n, params: { ...n.params, trainable: false } } : n)),
      },
    };
    const io = recordingIo();
    expect(await main(['train', tempProject(project), '--epochs', '1', '--size', '100', '--backend', 'wasm'], io)).toBe(0);
    expect(io.text()).toContain('The frozen base (1 block) is computed once per image; only the head trains.');
    expect(io.text()).toContain('Done: Trained for 1 epoch.');
    // In the command line's language.
    const fr = recordingIo();
    const args = ['train', tempProject(project), '--epochs', '1', '--size', '100', '--backend', 'wasm', '--lang', 'fr'];
    expect(await main(args, fr)).toBe(0);
    expect(fr.text()).toContain('La base gelée (1 bloc) est calculée une seule fois par image ; seule la tête s’entraîne.');
    // The final words too.
    expect(fr.text()).toContain('Terminé : Entraîné pendant 1 époque.');
    expect(fr.text()).not.toContain('Trained for');
  });

  it('warns once of an image that cannot be decoded, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-train-images-'));
    for (const [cls, shade] of [
      ['dark', 20],
      ['light', 230],
    ] as const) {
      mkdirSync(join(dir, 'images', cls), { recursive: true });
      for (let i = 0; i < 6; i++)
        await sharp(Buffer.alloc(4 * 4, shade + i), { raw: { width: 4, height: 4, channels: 1 } })
          .png()
          .toFile(join(dir, 'images', cls, `${i}.png`));
    }
    writeFileSync(join(dir, 'images', 'light', 'broken.png'), 'not a png');
    const { graph: _xor, ...rest } = xorProject(2, { kind: 'imageFolder', path: 'images' });
    const graph = chain(['in', 'Input', { shape: [4, 4, 1] }], ['flat', 'Flatten'], ['out', 'Dense', { units: 2, activation: 'softmax' }]);
    writeFileSync(join(dir, 'project.json'), JSON.stringify({ ...rest, graph }));
    const io = recordingIo();
    expect(await main(['train', join(dir, 'project.json'), '--epochs', '1', '--backend', 'wasm'], io)).toBe(0);
    const warnings = io.stderr.filter((line) => line.includes('skipped'));
    expect(warnings).toEqual([
      expect.stringMatching(/^Warning: 1 file was skipped: light.broken\.png \(cannot be decoded \(.*unsupported image format\)\)\.$/),
    ]);
  });

  it('exits 1 with the block to fix when the model does not fit the data', async () => {
    const io = recordingIo();
    expect(await main(['train', tempProject(xorProject(5)), '--backend', 'wasm'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('The output block "out" has 5 units but the data set has 2 classes: set `units` to 2.');
  });

  it('exits 1 on a CSV with no row left, naming the first bad cell with its row and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-train-csv-'));
    writeFileSync(join(dir, 'points.csv'), 'x,y,label\n1,nope,a\n3,oops,b\n');
    const file = join(dir, 'project.json');
    writeFileSync(file, JSON.stringify(xorProject(2, { kind: 'csv', path: 'points.csv', labelColumn: 'label' })));
    const io = recordingIo();
    expect(await main(['train', file], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain(
      'No row of points.csv can be used: Row 2, column 2 ("y") of points.csv is "nope", not a number.',
    );
    // In French with --lang fr, the first bad cell inside the refusal too.
    const fr = recordingIo();
    expect(await main(['train', file, '--lang', 'fr'], fr)).toBe(1);
    expect(fr.stderr.join('\n')).toContain(
      'Aucune ligne de points.csv n’est utilisable : Ligne 2, colonne 2 (« y ») de points.csv : la cellule vaut « nope », ce n’est pas un nombre.',
    );
  });

  it('rejects bad options and unreadable projects with exit code 1', async () => {
    const io = recordingIo();
    expect(await main(['train', tempProject(xorProject()), '--backend', 'gpu'], io)).toBe(1);
    expect(io.stderr.at(-1)).toBe('Unknown backend "gpu". Choose one of: tensorflow-gpu, tensorflow, wasm, cpu.');
    expect(await main(['train', tempProject(xorProject()), '--epochs', '0'], io)).toBe(1);
    expect(io.stderr.at(-1)).toBe('--epochs must be a whole number of at least 1, not "0".');
    expect(await main(['train', join(tmpdir(), 'no-such-project.json')], io)).toBe(1);
    expect(io.stderr.at(-1)).toMatch(/the file does not exist/);
    expect(await main(['train'], io)).toBe(2);
  });
});
