import type { Project } from '../project';
import { isClassificationLoss, kerasSections } from './keras';

interface Cell {
  cell_type: 'markdown' | 'code';
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: never[];
}

/** Jupyter stores a cell's text as lines that keep their newline, except the last. */
function sourceLines(text: string): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
}

const markdown = (text: string): Cell => ({ cell_type: 'markdown', metadata: {}, source: sourceLines(text) });
const code = (text: string): Cell => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: sourceLines(text) });

const gpuCheck = `import tensorflow as tf

gpus = tf.config.list_physical_devices("GPU")
print("GPU:", gpus[0].name if gpus else "none (in Colab: Runtime > Change runtime type > GPU)")
`;

function curvesCode(classification: boolean): string {
  const metric = classification ? 'accuracy' : 'loss';
  const lines = [
    'import matplotlib.pyplot as plt',
    '',
    `fig, axes = plt.subplots(1, ${classification ? 2 : 1}, figsize=(${classification ? 12 : 6}, 4))`,
    ...(classification ? [] : ['axes = [axes]']),
    'for ax, metric in zip(axes, ["loss"' + (classification ? `, "${metric}"` : '') + ']):',
    '    ax.plot(history.history[metric], label="training")',
    '    if "val_" + metric in history.history:',
    '        ax.plot(history.history["val_" + metric], label="validation")',
    '    ax.set_xlabel("epoch")',
    '    ax.set_title(metric)',
    '    ax.legend()',
    'plt.show()',
  ];
  return lines.join('\n') + '\n';
}

const uploadCode = `# In Google Colab, upload your data (a zip of the folder, or the CSV file) with this cell,
# or drag it into the Files panel on the left.
try:
    from google.colab import files
    import zipfile

    for name in files.upload():
        if name.endswith(".zip"):
            zipfile.ZipFile(name).extractall(".")
except ImportError:
    print("Not in Colab: put your data next to this notebook.")
`;

/**
 * A Jupyter notebook that trains the project's model with Keras, for a GPU runtime such as Colab:
 * the same sections as the Keras script, with explanations, a GPU check and the training curves.
 */
export function kerasNotebook(project: Project): string {
  const s = kerasSections(project);
  const classification = isClassificationLoss(project.training.loss);
  const userData = project.dataset?.kind === 'imageFolder' || project.dataset?.kind === 'csv' || project.dataset?.kind === 'idx';
  const intro = [
    `# ${s.title}`,
    '',
    ...(s.description ? [s.description, ''] : []),
    "This notebook builds the model drawn in Neuroblocks with Keras and trains it with the project's settings. Run it on a GPU runtime (in Google Colab: *Runtime › Change runtime type › GPU*) to train faster than on a laptop.",
  ];
  const cells: Cell[] = [
    markdown(intro.join('\n')),
    markdown('## Runtime\nCheck that a GPU is available. Training also works without one, only more slowly.'),
    code(gpuCheck),
    code(s.imports + '\n' + s.seed),
    ...(userData ? [markdown('## Your data\nUpload the data the project was trained on.'), code(uploadCode)] : []),
    markdown('## Data'),
    code(s.data),
    markdown('## Model\nThe same blocks, in the same order, as the diagram.'),
    code(s.model),
    markdown('## Training'),
    code(s.compile + '\n' + s.fit),
    markdown('## Learning curves'),
    code(curvesCode(classification)),
    ...(s.evaluate ? [markdown('## Test'), code(s.evaluate)] : []),
    markdown('## Save\nThe trained model in Keras format, to load later with `keras.models.load_model`.'),
    code(s.save),
  ];
  const notebook = {
    cells,
    metadata: {
      accelerator: 'GPU',
      colab: { provenance: [] },
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    nbformat: 4,
    nbformat_minor: 4,
  };
  return JSON.stringify(notebook, null, 1) + '\n';
}
