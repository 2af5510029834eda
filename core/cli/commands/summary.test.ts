import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { recordingIo } from '../test-io';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const project = (name: string) => join(root, 'projects', `${name}.json`);

function tempProject(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'nb-summary-')), 'project.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('neuroblocks summary', () => {
  it('prints a Keras-like table of the course CNN with 42,358 parameters', async () => {
    const io = recordingIo();
    expect(await main(['summary', project('mnist-cnn')], io)).toBe(0);
    const text = io.text();
    expect(text).toContain('conv1 (Conv2D)');
    expect(text).toContain('(None, 26, 26, 8)');
    expect(text).toMatch(/Total params: 42,358 \(165\.46 KB\)/);
    expect(text).toContain('Trainable params: 42,358');
    expect(text).toContain('Non-trainable params: 0 (0.00 B)');
  });

  it('--json prints one object with layers, totals, errors and warnings', async () => {
    const io = recordingIo();
    expect(await main(['summary', project('vgg16-transfer'), '--json'], io)).toBe(0);
    const summary = JSON.parse(io.stdout.join('\n'));
    expect(summary).toMatchObject({
      totalParams: 14_920_598,
      trainableParams: 205_910,
      nonTrainableParams: 14_714_688,
      errors: [],
      warnings: [],
    });
    expect(summary.layers[0]).toEqual({
      id: 'input',
      type: 'Input',
      outputShape: [64, 64, 3],
      params: 0,
      trainableParams: 0,
      connectedTo: [],
    });
    expect(summary.layers.at(-1)).toMatchObject({ id: 'output', type: 'Dense', outputShape: [10], params: 1_010 });
  });

  it('shows a "Connected to" column for a graph with a branch', async () => {
    const io = recordingIo();
    expect(await main(['summary', project('residual-cnn')], io)).toBe(0);
    expect(io.text()).toContain('Connected to');
    expect(io.text()).toMatch(/add \(Add\).*conv1, conv3/);
  });

  it('exits 1 and names the block and parameter for an invalid graph', async () => {
    const file = tempProject({
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [4, 4, 1] } },
        { id: 'c1', type: 'Conv2D', params: { filters: 2, kernelSize: 5 } },
      ],
      edges: [{ source: 'in', target: 'c1' }],
    });
    const io = recordingIo();
    expect(await main(['summary', file], io)).toBe(1);
    expect(io.text()).toMatch(/Errors:\n {2}✗ \[c1 · kernelSize\]/);

    const json = recordingIo();
    expect(await main(['summary', file, '--json'], json)).toBe(1);
    expect(JSON.parse(json.stdout.join('')).errors).toEqual([
      {
        nodeId: 'c1',
        param: 'kernelSize',
        problem: { code: 'shapes:kernelTooLarge', params: expect.objectContaining({ kh: 5, kw: 5, h: 4, w: 4, id: 'c1' }) },
        message: expect.any(String),
      },
    ]);
  });

  it('explains a malformed file and a missing one', async () => {
    const io = recordingIo();
    expect(await main(['summary', tempProject('{"nodes": [}')], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/not valid JSON: unexpected "}" at line 1, column 12/);

    const missing = recordingIo();
    expect(await main(['summary', '/nonexistent/project.json'], missing)).toBe(1);
    expect(missing.stderr.join('\n')).toContain('the file does not exist');

    const unknownKey = recordingIo();
    expect(await main(['summary', tempProject({ nodes: [], edges: [], extra: 1 })], unknownKey)).toBe(1);
    expect(unknownKey.stderr.join('\n')).toContain('unknown key "extra"');
  });

  it('runs as the real `neuroblocks` bin', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin/neuroblocks.js'), 'summary', project('mnist-cnn')], {
      cwd: root,
    });
    expect(stdout).toContain('Total params: 42,358');
  });
});
