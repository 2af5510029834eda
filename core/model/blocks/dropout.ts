import { pyFloat } from '../codegen/python';
import { formatNumber, layerBlock } from './common';

export const Dropout = layerBlock({
  type: 'Dropout',
  category: 'Regularisation',
  params: {
    rate: {
      kind: 'float',
      default: 0.5,
      min: 0,
      max: 1,
      maxExclusive: true,
      help: {
        en: 'Fraction of the values set to zero at each training step, e.g. 0.2.',
        fr: 'Proportion des valeurs mises à zéro à chaque pas d’entraînement, par ex. 0.2.',
      },
    },
  },
  outputShape: ([input]) => [...input],
  build: ({ tf, params, name }) => tf.layers.dropout({ name, rate: params.rate as number, trainable: params.trainable as boolean }),
  passThrough: true,
  identityAtInference: true,
  keras: { className: 'Dropout', positional: ['rate'], defaults: { seed: null } },
  pytorch(w) {
    w.init(`self.${w.attr} = nn.Dropout(${pyFloat(w.node.params.rate as number)})`);
    return `self.${w.attr}(${w.args[0]})`;
  },
  onnx: (w) => w.output('nhwc', w.op('Identity', [w.input(0, 'nhwc')], w.node.id)),
  inside: 'dropout',
  conformance: [
    { params: { rate: 0.2 }, inputs: [[6]] },
    { params: { rate: 0.5 }, inputs: [[4, 4, 2]] },
  ],
  describe: (params, language) => `${language === 'fr' ? 'taux' : 'rate'} ${formatNumber(params.rate as number, language)}`,
  doc: {
    en: {
      summary: 'While training, sets a random fraction of the values to zero to fight overfitting.',
      details:
        'At each training step, each value is zeroed with probability `rate` and the others are multiplied by 1 / (1 − rate), so the average is unchanged. At inference it does nothing. The network cannot rely on any single neuron.',
      formula: 'training: y = x · m / (1 − rate), m ~ Bernoulli(1 − rate); inference: y = x',
      whenToUse: 'When the training accuracy is much higher than the validation accuracy; typically 0.2–0.5 after Dense or pooling layers.',
    },
    fr: {
      summary: 'Pendant l’entraînement, met à zéro une fraction aléatoire des valeurs pour lutter contre le surapprentissage.',
      details:
        'À chaque pas d’entraînement, chaque valeur est annulée avec la probabilité `rate` et les autres sont multipliées par 1 / (1 − rate) pour garder la même moyenne. En inférence, elle ne fait rien. Le réseau ne peut pas dépendre d’un seul neurone.',
      formula: 'entraînement : y = x · m / (1 − rate), m ~ Bernoulli(1 − rate) ; inférence : y = x',
      whenToUse:
        'Quand l’exactitude d’entraînement dépasse nettement celle de validation ; typiquement 0.2 à 0.5 après des couches Dense ou de pooling.',
    },
  },
});
