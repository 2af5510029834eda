import { mergeLayout, sameShapeMerge, sameShapeMergeCases, layerBlock } from './common';

export const Add = layerBlock({
  type: 'Add',
  category: 'Merge',
  params: {},
  inputs: { min: 2, max: 32 },
  outputShape: (inputs) => sameShapeMerge(inputs, 'shapes:addShapes'),
  build: ({ tf, params, name }) => tf.layers.add({ name, trainable: params.trainable as boolean }),
  keras: { className: 'Add' },
  pytorch: (w) => w.args.join(' + '),
  onnx(w) {
    const layout = mergeLayout(w);
    w.output(
      layout,
      w.op(
        'Sum',
        w.node.inputs.map((_, i) => w.input(i, layout)),
        w.outputName(layout),
      ),
    );
  },
  conformance: sameShapeMergeCases,
  describe: (_params, language) => (language === 'fr' ? 'somme' : 'sum'),
  doc: {
    en: {
      summary: 'Adds its inputs value by value; they must have the same shape.',
      details:
        'Merges two or more branches into one tensor of the same shape. It has no weights. With a branch that skips a few layers, it forms a residual (skip) connection as in ResNet.',
      formula: 'y = x₁ + x₂ + …',
      whenToUse: 'For residual connections: add the input of a few layers back to their output, which helps deep networks learn.',
    },
    fr: {
      summary: 'Additionne ses entrées valeur par valeur ; elles doivent avoir la même forme.',
      details:
        'Fusionne deux branches ou plus en un tenseur de même forme. Aucun poids. Avec une branche qui saute quelques couches, on obtient une connexion résiduelle comme dans ResNet.',
      formula: 'y = x₁ + x₂ + …',
      whenToUse:
        'Pour les connexions résiduelles : ajouter l’entrée de quelques couches à leur sortie, ce qui aide les réseaux profonds à apprendre.',
    },
  },
});
