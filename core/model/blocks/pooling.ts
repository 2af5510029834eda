import type { BlockDefinition, BlockDoc } from '../block';
import { pair } from '../params';
import { paddingSpec, stridesSpec, trainableSpec } from './common';
import { requireImage, slideWindow } from './shape-rules';

/** What MaxPooling2D and AveragePooling2D share: parameters, shape rule and label. */
export function poolingBlock(type: 'MaxPooling2D' | 'AveragePooling2D', doc: { en: BlockDoc; fr: BlockDoc }): BlockDefinition {
  return {
    type,
    category: 'Pooling',
    params: {
      poolSize: {
        kind: 'size2',
        default: 2,
        min: 1,
        max: 64,
        help: { en: 'Size of the pooling window, e.g. 2 for 2×2 (halves the image).', fr: 'Taille de la fenêtre de pooling, par ex. 2 pour 2×2 (divise l’image par deux).' },
      },
      strides: stridesSpec(true),
      padding: paddingSpec,
      trainable: trainableSpec,
    },
    inputs: { min: 1, max: 1 },
    outputShape([input], params) {
      const image = requireImage(type, input);
      const [h, w] = slideWindow(image, params.poolSize, params.strides ?? params.poolSize, params.padding as string, { en: 'pool window', fr: 'La fenêtre de pooling' }, 'poolSize');
      return [h, w, image[2]];
    },
    build({ tf, params, name }) {
      const args = {
        name,
        poolSize: pair(params.poolSize),
        strides: pair(params.strides ?? params.poolSize),
        padding: params.padding as 'valid' | 'same',
        trainable: params.trainable as boolean,
      };
      return type === 'MaxPooling2D' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    },
    describe(params, language) {
      const [ph, pw] = pair(params.poolSize);
      const parts = [`${ph}×${pw}`];
      if (params.strides !== null) {
        const [sh, sw] = pair(params.strides);
        if (sh !== ph || sw !== pw) parts.push(`${language === 'fr' ? 'pas' : 'stride'} ${sh === sw ? sh : `${sh}×${sw}`}`);
      }
      if (params.padding === 'same') parts.push('same');
      return parts.join(', ');
    },
    doc,
  };
}

export const poolingFormula = {
  en: 'out = ⌊(in − pool) / stride⌋ + 1  ("valid"; stride defaults to pool) or ⌈in / stride⌉ ("same")',
  fr: 'sortie = ⌊(entrée − fenêtre) / pas⌋ + 1  (« valid » ; le pas vaut la fenêtre par défaut) ou ⌈entrée / pas⌉ (« same »)',
};
