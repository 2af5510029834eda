import type { BlockDefinition } from '../block';
import { formatShape, type Shape } from '../graph';

export const Input: BlockDefinition = {
  type: 'Input',
  category: 'Input',
  params: {
    shape: {
      kind: 'shape',
      default: [28, 28, 1],
      minRank: 1,
      maxRank: 3,
      help: {
        en: 'Shape of one example, without the batch: [features] for a table, [height, width, channels] for an image (1 channel for grayscale, 3 for colour).',
        fr: 'Forme d’un exemple, sans le lot : [caractéristiques] pour un tableau, [hauteur, largeur, canaux] pour une image (1 canal en niveaux de gris, 3 en couleur).',
      },
    },
  },
  inputs: { min: 0, max: 0 },
  outputShape: (_inputs, params) => [...(params.shape as Shape)],
  build: () => {
    throw new Error('Input blocks become tf.input() in the compiler, not a layer.');
  },
  // Every generator and exporter turns the Input blocks into the model's inputs itself.
  keras: { className: 'Input' },
  pytorch: () => {
    throw new Error('Input blocks become the arguments of forward() in the PyTorch writer, not a module.');
  },
  onnx: () => {
    throw new Error('Input blocks become graph inputs in the ONNX writer, not nodes.');
  },
  conformance: [
    { params: { shape: [5] }, inputs: [] },
    { params: { shape: [4, 3] }, inputs: [] },
    { params: { shape: [6, 6, 2] }, inputs: [] },
  ],
  describe: (params) => formatShape(params.shape as Shape),
  doc: {
    en: {
      summary: 'Where the data enters the model; fixes the shape of one example.',
      details:
        'Every model starts with an Input. Its shape is the shape of one example without the batch dimension: [28, 28, 1] for an MNIST digit, [2] for a point of the plane.',
      whenToUse: 'Once per data source, at the start of the graph.',
    },
    fr: {
      summary: 'Point d’entrée des données ; fixe la forme d’un exemple.',
      details:
        'Tout modèle commence par une Input. Sa forme est celle d’un exemple sans la dimension du lot : [28, 28, 1] pour un chiffre MNIST, [2] pour un point du plan.',
      whenToUse: 'Une fois par source de données, au début du graphe.',
    },
  },
};
