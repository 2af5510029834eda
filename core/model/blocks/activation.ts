import { activationSpec, tfActivation, layerBlock, activationParam } from './common';

export const Activation = layerBlock({
  type: 'Activation',
  category: 'Core',
  params: { activation: activationSpec('relu') },
  outputShape: ([input]) => [...input],
  activation: activationParam,
  build: ({ tf, params, name }) =>
    tf.layers.activation({ name, activation: tfActivation(tf, params.activation), trainable: params.trainable as boolean }),
  keras: { className: 'Activation', positional: ['activation'] },
  pytorch: (w) => w.activation(w.node.params.activation as string, w.args[0]),
  onnx(w) {
    const layout = w.anyLayout(0);
    const x = w.input(0, layout);
    const name = w.outputName(layout);
    const kind = w.node.params.activation as string;
    w.output(layout, kind === 'linear' ? w.op('Identity', [x], name) : w.activation(x, layout, kind, name));
  },
  conformance: [
    { params: { activation: 'linear' }, inputs: [[4]] },
    { params: { activation: 'relu' }, inputs: [[5]] },
    { params: { activation: 'sigmoid' }, inputs: [[3, 3, 2]] },
    { params: { activation: 'tanh' }, inputs: [[5]] },
    { params: { activation: 'selu' }, inputs: [[2, 3]] },
    { params: { activation: 'softsign' }, inputs: [[3, 3, 2]] },
    { params: { activation: 'softmax' }, inputs: [[3, 4]] },
    { params: { activation: 'elu' }, inputs: [[3, 3, 2]] },
    { params: { activation: 'softplus' }, inputs: [[4]] },
    { params: { activation: 'relu6' }, inputs: [[3, 3, 2]] },
    { params: { activation: 'swish' }, inputs: [[6]] },
    { params: { activation: 'gelu' }, inputs: [[2, 3]] },
    // TensorFlow.js has no hard_swish: a model.json with it would not load in stock TensorFlow.js, so that export refuses it.
    { params: { activation: 'hard_swish' }, inputs: [[3, 3, 2]], refusedBy: ['tfjs'] },
  ],
  describe: (params) => params.activation as string,
  doc: {
    en: {
      summary: 'Applies a function such as relu or softmax to every value.',
      details:
        'The same activation a Dense or Conv2D layer can apply, as a block of its own. It has no weights and does not change the shape.',
      formula: 'relu(x) = max(0, x); sigmoid(x) = 1 / (1 + e⁻ˣ); softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ',
      whenToUse: 'After a merge (e.g. the Add of a residual block) or after BatchNormalization placed between a layer and its activation.',
    },
    fr: {
      summary: 'Applique une fonction comme relu ou softmax à chaque valeur.',
      details:
        'La même activation qu’une couche Dense ou Conv2D peut appliquer, sous forme de bloc séparé. Aucun poids, la forme ne change pas.',
      formula: 'relu(x) = max(0, x) ; sigmoid(x) = 1 / (1 + e⁻ˣ) ; softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ',
      whenToUse:
        'Après une fusion (par ex. l’Add d’un bloc résiduel) ou après une BatchNormalization placée entre une couche et son activation.',
    },
  },
});
