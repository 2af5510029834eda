import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../project-io';
import { PROJECT_FORMAT } from '../project';
import { kerasNotebook, kerasScript } from './index';
import { chain } from '../test-graphs';

const project = (dataset: Record<string, unknown>) =>
  parseProject({
    format: PROJECT_FORMAT,
    version: 1,
    name: 'Signs',
    graph: chain(
      ['input', 'Input', { shape: [32, 32, 3] }],
      ['flatten', 'Flatten'],
      ['output', 'Dense', { units: 3, activation: 'softmax' }],
    ),
    dataset,
  });

describe('the Keras code fits images as the app does', () => {
  it('pads letter-boxed image folders, crops centre-cropped ones, and stretches those of older projects', () => {
    const letterbox = kerasScript(project({ kind: 'imageFolder', path: 'signs', fit: 'letterbox' }));
    expect(letterbox).toContain('    pad_to_aspect_ratio=True,');
    expect(letterbox).not.toContain('crop_to_aspect_ratio');
    const crop = kerasScript(project({ kind: 'imageFolder', path: 'signs', fit: 'crop' }));
    expect(crop).toContain('    crop_to_aspect_ratio=True,');
    expect(crop).not.toContain('pad_to_aspect_ratio');
    const old = kerasScript(project({ kind: 'imageFolder', path: 'signs' }));
    expect(old).not.toMatch(/pad_to_aspect_ratio|crop_to_aspect_ratio/);
    expect(kerasNotebook(project({ kind: 'imageFolder', path: 'signs', fit: 'crop' }))).toContain('crop_to_aspect_ratio=True');
  });

  it('is Python that compiles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-fit-code-'));
    try {
      const files = (['letterbox', 'crop'] as const).map((fit) => {
        const file = join(dir, `${fit}.py`);
        writeFileSync(file, kerasScript(project({ kind: 'imageFolder', path: 'signs', fit })));
        return file;
      });
      const script = 'import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True)\nprint(len(sys.argv) - 1)';
      expect(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' }).trim()).toBe('2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
