import type { BlockDefinition, BlockDoc } from '../block';
import { trainableSpec } from './common';
import { requireImage } from './shape-rules';

/** What GlobalAveragePooling2D and GlobalMaxPooling2D share: one value per channel. */
export function globalPoolingBlock(type: 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D', doc: { en: BlockDoc; fr: BlockDoc }): BlockDefinition {
  return {
    type,
    category: 'Pooling',
    params: { trainable: trainableSpec },
    inputs: { min: 1, max: 1 },
    outputShape([input]) {
      return [requireImage(type, input)[2]];
    },
    build: ({ tf, params, name }) => {
      const args = { name, trainable: params.trainable as boolean };
      return type === 'GlobalAveragePooling2D' ? tf.layers.globalAveragePooling2d(args) : tf.layers.globalMaxPooling2d(args);
    },
    describe: (_params, language) => `${type === 'GlobalAveragePooling2D' ? (language === 'fr' ? 'moyenne' : 'mean') : 'max'} ${language === 'fr' ? 'par canal' : 'per channel'}`,
    doc,
  };
}
