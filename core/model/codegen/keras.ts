import type { Graph } from '../graph';
import type { DatasetRef, Project, TrainingSettings } from '../project';
import { kerasLayerCall, kerasLayerName, kerasLossNames, usesRegularizers } from './keras-layers';
import { imageFitOf } from '../image-fit';
import { planGraph, type ModelPlan } from './plan';
import { IdentifierTable, commentLines, pyDocstring, pyFloat, pyNumber, pyString, pyValue, snakeCase } from './python';

/** Names the generated code uses itself, never given to a block's variable. */
const RESERVED = [
  'keras',
  'layers',
  'regularizers',
  'np',
  'pd',
  'model',
  'history',
  'callbacks',
  'x_train',
  'y_train',
  'x_test',
  'y_test',
  'train_ds',
  'val_ds',
  'print',
  'input',
  'len',
  'range',
  'sum',
  'max',
  'min',
  'type',
  'id',
  'list',
  'map',
];

/** The parts of a Keras program, shared by the script and the notebook. */
export interface KerasSections {
  title: string;
  description?: string;
  imports: string;
  seed: string;
  data: string;
  model: string;
  compile: string;
  fit: string;
  evaluate: string;
  save: string;
  /** The variable names of the training and validation data the fit uses. */
  usesDatasets: boolean;
}

export interface KerasOptions {
  /** Model name as Keras shows it in model.summary(). */
  name?: string;
}

/** Only the model definition: what a code view beside the diagram shows. */
export function kerasModelCode(graph: Graph, options: KerasOptions = {}): string {
  const plan = planGraph(graph);
  const header = ['import keras', 'from keras import layers'];
  if (usesRegularizers(plan.nodes)) header.push('from keras import regularizers');
  return `${header.join('\n')}\n\n${modelDefinition(plan, options.name ?? 'model')}\nmodel.summary()\n`;
}

/** Sequential for a chain, the functional API otherwise, with one line per block. */
export function modelDefinition(plan: ModelPlan, name: string): string {
  const modelName = pyString(
    snakeCase(name)
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'model',
  );
  if (plan.isChain) {
    const [input, ...rest] = plan.nodes;
    const lines = [
      'model = keras.Sequential(',
      '    [',
      `        keras.Input(shape=${pyValue(input.outputShape)}, name=${pyString(kerasLayerName(input.id))}),`,
      ...rest.map((n) => `        ${kerasLayerCall(n)},`),
      '    ],',
      `    name=${modelName},`,
      ')',
    ];
    return lines.join('\n') + '\n';
  }
  const names = new IdentifierTable(RESERVED);
  const lines: string[] = [];
  for (const node of plan.nodes) {
    const variable = names.get(node.id);
    if (node.type === 'Input') {
      lines.push(`${variable} = keras.Input(shape=${pyValue(node.outputShape)}, name=${pyString(kerasLayerName(node.id))})`);
      continue;
    }
    const sources = node.inputs.map((id) => names.get(id));
    const argument = sources.length === 1 ? sources[0] : `[${sources.join(', ')}]`;
    lines.push(`${variable} = ${kerasLayerCall(node)}(${argument})`);
  }
  const list = (ids: string[]) => {
    const vars = ids.map((id) => names.get(id));
    return vars.length === 1 ? vars[0] : `[${vars.join(', ')}]`;
  };
  lines.push(`model = keras.Model(inputs=${list(plan.inputs)}, outputs=${list(plan.outputs)}, name=${modelName})`);
  return lines.join('\n') + '\n';
}

const monitorNames: Record<string, string> = { valLoss: 'val_loss', valAccuracy: 'val_accuracy', loss: 'loss', accuracy: 'accuracy' };

function optimizerCode(t: TrainingSettings): string {
  const lr = `learning_rate=${pyNumber(t.learningRate)}`;
  switch (t.optimizer) {
    case 'sgd': {
      const extra = [t.momentum ? `momentum=${pyNumber(t.momentum)}` : '', t.nesterov ? 'nesterov=True' : ''].filter(Boolean);
      return `keras.optimizers.SGD(${[lr, ...extra].join(', ')})`;
    }
    case 'adagrad':
      return `keras.optimizers.Adagrad(${lr})`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(${[lr, t.momentum ? `momentum=${pyNumber(t.momentum)}` : ''].filter(Boolean).join(', ')})`;
    default:
      return `keras.optimizers.Adam(${lr})`;
  }
}

export function isClassificationLoss(loss: string): boolean {
  return loss.endsWith('Crossentropy');
}

function compileCode(t: TrainingSettings): string {
  const metrics = isClassificationLoss(t.loss) ? ', metrics=["accuracy"]' : t.loss === 'meanSquaredError' ? ', metrics=["mae"]' : '';
  const lines = [
    'model.compile(',
    `    optimizer=${optimizerCode(t)},`,
    `    loss=${pyString(kerasLossNames[t.loss] ?? snakeCase(t.loss))}${metrics ? `,\n    ${metrics.slice(2)}` : ''},`,
    ')',
  ];
  return lines.join('\n') + '\n';
}

function callbacksCode(t: TrainingSettings): string[] {
  const callbacks: string[] = [];
  if (t.earlyStopping) {
    const e = t.earlyStopping;
    callbacks.push(
      `keras.callbacks.EarlyStopping(monitor=${pyString(monitorNames[e.monitor])}, patience=${e.patience}${e.minDelta ? `, min_delta=${pyNumber(e.minDelta)}` : ''}, restore_best_weights=${e.restoreBestWeights ? 'True' : 'False'})`,
    );
  }
  if (t.reduceLrOnPlateau) {
    const r = t.reduceLrOnPlateau;
    callbacks.push(
      `keras.callbacks.ReduceLROnPlateau(monitor=${pyString(monitorNames[r.monitor])}, factor=${pyNumber(r.factor)}, patience=${r.patience}, min_lr=${pyNumber(r.minLr)})`,
    );
  }
  return callbacks;
}

interface DataCode {
  code: string;
  /** True when the data is a tf.data pipeline (batches and validation split are in it). */
  datasets: boolean;
  /** Test data exists (x_test, y_test). */
  test: boolean;
  imports: string[];
}

function labelCode(loss: string, variable: string, classes: string): string {
  if (loss === 'categoricalCrossentropy') return `${variable} = keras.utils.to_categorical(${variable}, ${classes})`;
  return '';
}

const twoDimensionalSets: Record<string, { doc: string; body: string[] }> = {
  spirals: {
    doc: 'Interleaved spirals, one arm per class',
    body: [
      'per_class = n // num_classes',
      'xs, ys = [], []',
      'for c in range(num_classes):',
      '    r = np.linspace(0.05, 1.0, per_class)',
      '    angle = 3 * np.pi * r + 2 * np.pi * c / num_classes',
      '    points = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)',
      '    xs.append(points + rng.normal(0, noise, points.shape))',
      '    ys.append(np.full(per_class, c))',
      'return np.concatenate(xs).astype("float32"), np.concatenate(ys)',
    ],
  },
  xor: {
    doc: 'Points in a square, the class is whether x and y have the same sign (XOR)',
    body: [
      'x = rng.uniform(-1, 1, (n, 2))',
      'y = (x[:, 0] * x[:, 1] > 0).astype(int)',
      'x += rng.normal(0, noise, x.shape)',
      'return x.astype("float32"), y',
    ],
  },
  circles: {
    doc: 'An inner disc (class 0) inside a ring (class 1)',
    body: [
      'radius = np.where(rng.uniform(size=n) < 0.5, rng.uniform(0, 0.5, n), rng.uniform(0.7, 1.0, n))',
      'angle = rng.uniform(0, 2 * np.pi, n)',
      'x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1) + rng.normal(0, noise, (n, 2))',
      'return x.astype("float32"), (radius > 0.6).astype(int)',
    ],
  },
  gaussians: {
    doc: 'One Gaussian blob per class, on a circle',
    body: [
      'y = rng.integers(0, num_classes, n)',
      'centres = np.stack([np.cos(2 * np.pi * y / num_classes), np.sin(2 * np.pi * y / num_classes)], axis=1)',
      'x = centres + rng.normal(0, 0.2 + noise, (n, 2))',
      'return x.astype("float32"), y',
    ],
  },
};

function dataCode(dataset: DatasetRef | undefined, plan: ModelPlan, t: TrainingSettings): DataCode {
  const input = plan.byId.get(plan.inputs[0])!;
  const inputShape = input.outputShape;
  const output = plan.byId.get(plan.outputs[0])!;
  const classes = output.outputShape[output.outputShape.length - 1] ?? 1;
  const lines: string[] = [];
  const official =
    !dataset ||
    (dataset.kind === 'builtin' && (dataset.name === 'mnist' || dataset.name === 'fashion-mnist')) ||
    dataset.kind === 'cifar' ||
    dataset.kind === 'idx';
  if (official) {
    const size = dataset?.kind === 'builtin' ? dataset.size : undefined;
    if (dataset?.kind === 'idx') {
      lines.push(
        ...commentLines(
          'Your IDX files (MNIST’s format). Copy their folder next to this file (or change DATA_DIR); pixels scaled from 0–255 to 0–1.',
        ),
      );
      lines.push(`DATA_DIR = ${pyString(dataset.path)}`, '');
      lines.push('def read_idx(pattern):');
      lines.push('    path = sorted(glob.glob(os.path.join(DATA_DIR, pattern)))[0]');
      lines.push('    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:');
      lines.push('        data = f.read()');
      lines.push('    shape = struct.unpack(">" + "I" * data[3], data[4 : 4 + 4 * data[3]])');
      lines.push('    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * data[3]).reshape(shape)', '');
      lines.push('x_train, y_train = read_idx("*train*im*"), read_idx("*train*l*")');
      lines.push('x_test, y_test = read_idx("*t[e1][s0]*im*"), read_idx("*t[e1][s0]*l*")');
    } else if (dataset?.kind === 'cifar') {
      lines.push(...commentLines(`CIFAR-${classes === 100 ? 100 : 10}: 32×32 colour images, pixels scaled from 0–255 to 0–1.`));
      lines.push(
        classes === 100
          ? '(x_train, y_train), (x_test, y_test) = keras.datasets.cifar100.load_data(label_mode="fine")'
          : '(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()',
      );
    } else if (dataset?.kind === 'builtin' && dataset.name === 'fashion-mnist') {
      lines.push(...commentLines('Fashion-MNIST: 28×28 grey images of clothes in 10 classes, pixels scaled from 0–255 to 0–1.'));
      lines.push('(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()');
    } else {
      lines.push(...commentLines('MNIST: 28×28 grey images of handwritten digits, pixels scaled from 0–255 to 0–1.'));
      lines.push('(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()');
    }
    const filter = dataset?.kind === 'builtin' ? dataset : undefined;
    if (filter?.classes) {
      lines.push(`keep = np.array([${filter.classes.join(', ')}])  # the project keeps these classes, numbered 0, 1, … in this order`);
      lines.push('relabel = np.full(10, -1)', 'relabel[keep] = np.arange(len(keep))');
      lines.push('x_train, y_train = x_train[relabel[y_train] >= 0], relabel[y_train][relabel[y_train] >= 0]');
      lines.push('x_test, y_test = x_test[relabel[y_test] >= 0], relabel[y_test][relabel[y_test] >= 0]');
    }
    if (filter?.perClass !== undefined) {
      lines.push(
        `picked = np.sort(np.concatenate([np.flatnonzero(y_train == c)[:${filter.perClass}] for c in np.unique(y_train)]))  # at most ${filter.perClass} images of each class`,
      );
      lines.push('x_train, y_train = x_train[picked], y_train[picked]');
    }
    if (size)
      lines.push(
        `x_train, y_train = x_train[:${size}], y_train[:${size}]  # the project trains on ${size.toLocaleString('en')} of the 60,000 training images`,
      );
    lines.push(`x_train = x_train.reshape((-1, ${inputShape.join(', ')})).astype("float32") / 255`);
    lines.push(`x_test = x_test.reshape((-1, ${inputShape.join(', ')})).astype("float32") / 255`);
    const y1 = labelCode(t.loss, 'y_train', String(classes));
    if (y1) lines.push(y1, labelCode(t.loss, 'y_test', String(classes)));
    if (t.normalize) lines.push(...normalizeCode());
    return {
      code: lines.join('\n') + '\n',
      datasets: false,
      test: true,
      imports:
        dataset?.kind === 'idx'
          ? ['import glob', 'import gzip', 'import os', 'import struct', 'import numpy as np']
          : filter?.classes || filter?.perClass !== undefined
            ? ['import numpy as np']
            : [],
    };
  }
  if (dataset.kind === 'builtin') {
    const set = twoDimensionalSets[dataset.name];
    lines.push(`def make_${dataset.name}(n, noise, num_classes, rng):`, `    """${set.doc}."""`, ...set.body.map((l) => `    ${l}`), '');
    lines.push('');
    lines.push(
      ...commentLines(`A generated 2-D data set like the app's ${dataset.name}; the app draws its own points, so numbers differ a little.`),
    );
    lines.push(
      `x_train, y_train = make_${dataset.name}(${dataset.size ?? 500}, noise=${pyFloat(dataset.noise ?? 0.1)}, num_classes=${classes < 2 ? 2 : classes}, rng=np.random.default_rng(${t.seed}))`,
    );
    if (classes === 1 && t.loss === 'binaryCrossentropy') lines.push('y_train = y_train.reshape(-1, 1).astype("float32")');
    const y = labelCode(t.loss, 'y_train', String(classes));
    if (y) lines.push(y);
    if (t.normalize) lines.push(...normalizeCode(false));
    return { code: lines.join('\n') + '\n', datasets: false, test: false, imports: ['import numpy as np'] };
  }
  if (dataset.kind === 'imageFolder') {
    const [h, w, c] = inputShape;
    const labelMode = t.loss === 'categoricalCrossentropy' ? 'categorical' : t.loss === 'binaryCrossentropy' ? 'binary' : 'int';
    lines.push(...commentLines('Your images: one sub-folder per class. Copy the folder next to this file (or change DATA_DIR).'));
    lines.push(`DATA_DIR = ${pyString(dataset.path)}`);
    lines.push('train_ds, val_ds = keras.utils.image_dataset_from_directory(');
    lines.push('    DATA_DIR,');
    lines.push(`    validation_split=${pyFloat(t.validationSplit)},`, '    subset="both",', `    seed=${t.seed},`);
    lines.push(`    image_size=(${h}, ${w}),`, `    color_mode=${pyString(c === 1 ? 'grayscale' : c === 4 ? 'rgba' : 'rgb')},`);
    // The app letter-boxes (black bars) or centre-crops images not shaped like the Input; Keras can do both.
    const fit = imageFitOf(dataset);
    if (fit === 'letterbox') lines.push('    pad_to_aspect_ratio=True,  # whole images, black bars around, as the app letter-boxes them');
    if (fit === 'crop') lines.push('    crop_to_aspect_ratio=True,  # the centre of each image, as the app crops them');
    lines.push(`    label_mode=${pyString(labelMode)},`, `    batch_size=${t.batchSize},`, ')');
    lines.push('# Pixels from 0–255 to 0–1, as the app does.');
    lines.push('train_ds = train_ds.map(lambda x, y: (x / 255.0, y))', 'val_ds = val_ds.map(lambda x, y: (x / 255.0, y))');
    return { code: lines.join('\n') + '\n', datasets: true, test: false, imports: [] };
  }
  lines.push(
    ...commentLines('Your table: one row per example, the label in its own column. Copy the file next to this one (or change DATA_FILE).'),
  );
  lines.push(`DATA_FILE = ${pyString(dataset.path)}`);
  lines.push('data = pd.read_csv(DATA_FILE)');
  lines.push(`labels = data.pop(${pyString(dataset.labelColumn)})`);
  lines.push('x_train = data.to_numpy(dtype="float32")');
  if (isClassificationLoss(t.loss)) {
    lines.push('class_names = sorted(labels.unique())');
    lines.push('y_train = labels.map({name: i for i, name in enumerate(class_names)}).to_numpy()');
    const y = labelCode(t.loss, 'y_train', 'len(class_names)');
    if (y) lines.push(y);
  } else lines.push('y_train = labels.to_numpy(dtype="float32")');
  if (t.normalize) lines.push(...normalizeCode(false));
  return { code: lines.join('\n') + '\n', datasets: false, test: false, imports: ['import pandas as pd'] };
}

function normalizeCode(test = true): string[] {
  const lines = [
    '# Standardise each input value with the mean and spread of the training data.',
    'mean, std = x_train.mean(axis=0), x_train.std(axis=0) + 1e-7',
    'x_train = (x_train - mean) / std',
  ];
  if (test) lines.push('x_test = (x_test - mean) / std');
  return lines;
}

/** Every part of the Keras program of a project. */
export function kerasSections(project: Project): KerasSections {
  const plan = planGraph(project.graph, { loss: project.training.loss });
  const t = project.training;
  const data = dataCode(project.dataset, plan, t);
  const imports = ['import keras', 'from keras import layers'];
  if (usesRegularizers(plan.nodes)) imports.push('from keras import regularizers');
  imports.push(...data.imports);
  const callbacks = callbacksCode(t);
  const fitLines: string[] = [];
  if (callbacks.length) fitLines.push('callbacks = [', ...callbacks.map((c) => `    ${c},`), ']');
  const fitArgs = data.datasets
    ? ['train_ds', 'validation_data=val_ds', `epochs=${t.epochs}`]
    : [
        'x_train',
        'y_train',
        `batch_size=${t.batchSize}`,
        `epochs=${t.epochs}`,
        ...(t.validationSplit > 0 ? [`validation_split=${pyFloat(t.validationSplit)}`] : []),
      ];
  if (callbacks.length) fitArgs.push('callbacks=callbacks');
  fitLines.push('history = model.fit(', ...fitArgs.map((a) => `    ${a},`), ')');
  let evaluate = '';
  if (data.test && isClassificationLoss(t.loss))
    evaluate = 'test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)\nprint(f"Test accuracy: {test_accuracy:.4f}")\n';
  else if (data.test) evaluate = 'print("Test loss and metrics:", model.evaluate(x_test, y_test, verbose=0))\n';
  const fileName =
    snakeCase(project.name)
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'model';
  return {
    title: project.name,
    description: project.description,
    imports: imports.join('\n') + '\n',
    seed: `keras.utils.set_random_seed(${t.seed})  # the project's seed, for repeatable runs\n`,
    data: data.code,
    model: modelDefinition(plan, project.name) + 'model.summary()\n',
    compile: compileCode(t),
    fit: fitLines.join('\n') + '\n',
    evaluate,
    save: `model.save(${pyString(`${fileName}.keras`)})\n`,
    usesDatasets: data.datasets,
  };
}

/** A complete Python script that builds, compiles and trains the project's model with its settings. */
export function kerasScript(project: Project): string {
  const s = kerasSections(project);
  const doc = [`${s.title}: the Keras version of a Neuroblocks project.`];
  if (s.description) doc.push('', s.description);
  doc.push('', "Builds the same model as the diagram, then compiles and trains it with the project's settings.");
  const parts = [`${pyDocstring(doc.join('\n'))}\n`, s.imports, s.seed, s.data, s.model, s.compile, s.fit];
  if (s.evaluate) parts.push(s.evaluate);
  parts.push(s.save);
  return parts.join('\n');
}
