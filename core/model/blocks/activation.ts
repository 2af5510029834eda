import type { BlockDefinition } from '../block';
import { activationSpec, trainableSpec } from './common';

export const Activation: BlockDefinition = {
  type: 'Activation',
  category: 'Core',
  params: { activation: activationSpec('relu'), trainable: trainableSpec },
  inputs: { min: 1, max: 1 },
  outputShape: ([input]) => [...input],
  activation: (params) => params.activation as string,
  build: ({ tf, params, name }) => tf.layers.activation({ name, activation: params.activation as 'relu', trainable: params.trainable as boolean }),
  describe: (params) => params.activation as string,
  doc: {
    en: {
      summary: 'Applies a function such as relu or softmax to every value.',
      details: 'The same activation a Dense or Conv2D layer can apply, as a block of its own. It has no weights and does not change the shape.',
      formula: 'relu(x) = max(0, x); sigmoid(x) = 1 / (1 + e⁻ˣ); softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ',
      whenToUse: 'After a merge (e.g. the Add of a residual block) or after BatchNormalization placed between a layer and its activation.',
    },
    fr: {
      summary: 'Applique une fonction comme relu ou softmax à chaque valeur.',
      details: 'La même activation qu’une couche Dense ou Conv2D peut appliquer, sous forme de bloc séparé. Aucun poids, la forme ne change pas.',
      formula: 'relu(x) = max(0, x) ; sigmoid(x) = 1 / (1 + e⁻ˣ) ; softmax(x)ᵢ = eˣⁱ / Σⱼ eˣʲ',
      whenToUse: 'Après une fusion (par ex. l’Add d’un bloc résiduel) ou après une BatchNormalization placée entre une couche et son activation.',
    },
  },
};
