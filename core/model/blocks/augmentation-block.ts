import type { BlockDefinition, BlockDoc, ConformanceCase, KerasLayer } from '../block';
import type { Shape } from '../graph';
import type { ParamSpec } from '../params';
import { buildAugmentation, type AugmentationBehaviour } from './augmentation-layers';
import { layerBlock } from './common';
import { requireImage } from './shape-rules';

/** What every augmentation block shares: image input, no weights, random only while training. */
export function augmentationBlock(def: {
  behaviour: AugmentationBehaviour;
  params: Record<string, ParamSpec>;
  outputShape?: (input: [number, number, number], params: Record<string, unknown>) => Shape;
  describe: BlockDefinition['describe'];
  doc: { en: BlockDoc; fr: BlockDoc };
  /** The Keras layer's positional arguments and defaults (its class has the block's name). */
  keras: Omit<KerasLayer, 'className'>;
  conformance: ConformanceCase[];
  /** The inference form, for a block whose inference form is not the identity. */
  inference?: Pick<BlockDefinition, 'pytorch' | 'pytorchNote' | 'onnx' | 'stockInference'>;
}): BlockDefinition {
  const type = def.behaviour.type;
  return layerBlock({
    type,
    category: 'Augmentation',
    params: def.params,
    outputShape([input], params) {
      const image = requireImage(type, input);
      return def.outputShape ? def.outputShape(image, params) : [...image];
    },
    trainingOnly: true,
    build: (ctx) => buildAugmentation(def.behaviour, ctx),
    describe: def.describe,
    doc: def.doc,
    passThrough: true,
    augmentation: def.behaviour,
    keras: { className: type, ...def.keras },
    // At inference the block is the identity: exports leave it out (and these keep the value as it is).
    pytorch: (w) => w.args[0],
    pytorchNote: (node) => `# ${node.id}: ${node.type} changes images only while training in the app; it does nothing at inference.`,
    onnx: (w) => w.output('nhwc', w.op('Identity', [w.input(0, 'nhwc')], w.node.id)),
    conformance: def.conformance,
    ...def.inference,
  });
}

export const augmentationNote = {
  en: 'It acts only while training, with a new random draw for every image of every batch; at inference it leaves the image unchanged.',
  fr: 'Il n’agit que pendant l’entraînement, avec un nouveau tirage aléatoire pour chaque image de chaque lot ; en inférence, il laisse l’image inchangée.',
};
