// Every generated Python file compiles whatever text the project holds: its name, description,
// data set paths and label column reach the code only through the escaping helpers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProjectText } from '../project-io';
import type { DatasetRef, Project } from '../project';
import { kerasNotebook, kerasScript, pytorchModule } from './index';
import { pyDocstring, pyString } from './python';
import { notebookCode } from './test-notebook';
import { seededRandom } from '../../data/random';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const load = (name: string): Project => parseProjectText(readFileSync(join(root, 'projects', `${name}.json`), 'utf8'));

const seeded = seededRandom;

/** Pieces that have broken or could break a Python literal, a docstring or a comment. */
const PIECES = [
  'C:\\Users\\ana\\spirals',
  '\\',
  '\\\\',
  '\\N',
  '\\x',
  '\\u',
  '\\U0001',
  '"',
  '""',
  '"""',
  "'",
  "'''",
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\0',
  '\x0b',
  '\x0c',
  '\x1a',
  '\x7f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud83d\ude00',
  '\ud800',
  '\udfff',
  'é',
  'café',
  'ß',
  '数据',
  '# ',
  '{',
  '}',
  '{{x}}',
  '%s',
  'f"{x}"',
  ')',
  '(',
  ']',
  ':',
  '\\"',
  'r"',
  'b"',
  ' ',
  '  ',
  'import os',
  '""")\nprint(1)\n"""',
];

function randomText(random: () => number, maxParts: number): string {
  const parts: string[] = [];
  const n = Math.floor(random() * maxParts);
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.6) parts.push(PIECES[Math.floor(random() * PIECES.length)]);
    else if (r < 0.8) parts.push(String.fromCharCode(Math.floor(random() * 0x80)));
    else parts.push(String.fromCharCode(Math.floor(random() * 0x10000)));
  }
  return parts.join('');
}

const dir = mkdtempSync(join(tmpdir(), 'nb-python-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** py_compile on every file in one Python process; returns the files that failed, with why. */
function compileAll(files: string[]): string[] {
  const list = join(dir, 'files.txt');
  writeFileSync(list, files.join('\n'));
  const script = [
    'import py_compile, sys',
    'bad = []',
    'for f in open(sys.argv[1], encoding="utf-8").read().split("\\n"):',
    '    try:',
    '        py_compile.compile(f, doraise=True)',
    '    except Exception as e:',
    '        bad.append(f + ": " + str(e).splitlines()[-1])',
    'print("\\n".join(bad))',
  ].join('\n');
  const out = execFileSync('/usr/bin/python3', ['-c', script, list], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
  return out ? out.split('\n') : [];
}

describe('generated Python for any project text', () => {
  it('the Keras script, the notebook cells and the PyTorch module compile for 300 random names, descriptions and data paths', () => {
    const random = seeded(12);
    const bases = [load('spirals-mlp'), load('mnist-cnn'), load('residual-cnn')];
    const files: string[] = [];
    const texts: string[] = [];
    for (let i = 0; i < 300; i++) {
      const base = bases[i % bases.length];
      const path = randomText(random, 12) || 'x';
      const dataset: DatasetRef =
        i % 3 === 0
          ? { kind: 'csv', path, labelColumn: randomText(random, 6) || 'label' }
          : i % 3 === 1
            ? { kind: 'imageFolder', path }
            : base.dataset!;
      const project: Project = { ...base, name: randomText(random, 10), description: randomText(random, 30), dataset };
      texts.push(JSON.stringify({ name: project.name, description: project.description, dataset }));
      const outputs: [string, string][] = [
        ['keras.py', kerasScript(project)],
        ['ipynb.py', notebookCode(kerasNotebook(project))],
        ['torch.py', pytorchModule(project.graph, { name: project.name, description: project.description }).code],
      ];
      for (const [suffix, text] of outputs) {
        const file = join(dir, `${i}.${suffix}`);
        writeFileSync(file, text);
        files.push(file);
      }
    }
    const failures = compileAll(files);
    expect(failures.slice(0, 5), failures.length ? `project texts: ${texts[Number(/(\d+)\.\w+\.py/.exec(failures[0])?.[1])]}` : '').toEqual(
      [],
    );
  });

  it('a Windows path in the description and the data path compiles and reads back as written', () => {
    const project: Project = {
      ...load('spirals-mlp'),
      description: 'Data from C:\\Users\\ana\\spirals',
      dataset: { kind: 'csv', path: 'C:\\Users\\ana\\spirals.csv', labelColumn: 'class' },
    };
    const keras = join(dir, 'windows.keras.py');
    const torch = join(dir, 'windows.torch.py');
    writeFileSync(keras, kerasScript(project));
    writeFileSync(torch, pytorchModule(project.graph, { name: project.name, description: project.description }).code);
    expect(compileAll([keras, torch])).toEqual([]);
    const read =
      'import ast, sys\nfor f in sys.argv[1:]:\n    print(ast.get_docstring(ast.parse(open(f, encoding="utf-8").read())).splitlines()[2])';
    expect(execFileSync('/usr/bin/python3', ['-c', read, keras, torch], { encoding: 'utf8' }).trim().split('\n')).toEqual([
      'Data from C:\\Users\\ana\\spirals',
      'Data from C:\\Users\\ana\\spirals',
    ]);
    expect(kerasScript(project)).toContain('DATA_FILE = "C:\\\\Users\\\\ana\\\\spirals.csv"');
  });

  it('pyString and pyDocstring read back as the same text in Python', () => {
    const samples = [
      'C:\\Users\\ana',
      'a"""b',
      "'''",
      'nul\0here',
      'cr\rlf\r\n',
      'end with quote"',
      'end with backslash\\',
      'é\u2028\ud83d\ude00',
    ];
    const script = `import ast, json, sys\nfor line in sys.stdin.read().split("\\n"):\n    print(json.dumps(ast.literal_eval(json.loads(line))))`;
    const literals = samples.flatMap((s) => [pyString(s), pyDocstring(s)]);
    const out = execFileSync('/usr/bin/python3', ['-c', script], {
      input: literals.map((l) => JSON.stringify(l)).join('\n'),
      encoding: 'utf8',
    });
    const read = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string);
    // A docstring ends with a newline before its closing quotes.
    expect(read).toEqual(samples.flatMap((s) => [s, `${s}\n`]));
  });
});
