import type { BlockCategory, BlockDefinition } from '../block';
import { Activation } from './activation';
import { Add } from './add';
import { AveragePooling2D } from './average-pooling2d';
import { BatchNormalization } from './batch-normalization';
import { Concatenate } from './concatenate';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { DepthwiseConv2D } from './depthwise-conv2d';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { GlobalAveragePooling2D } from './global-average-pooling2d';
import { GlobalMaxPooling2D } from './global-max-pooling2d';
import { Input } from './input';
import { MaxPooling2D } from './max-pooling2d';
import { Multiply } from './multiply';
import { Normalization } from './normalization';
import { RandomBrightness } from './random-brightness';
import { RandomContrast } from './random-contrast';
import { RandomCrop } from './random-crop';
import { RandomFlip } from './random-flip';
import { RandomRotation } from './random-rotation';
import { RandomTranslation } from './random-translation';
import { RandomZoom } from './random-zoom';
import { Rescaling } from './rescaling';
import { SeparableConv2D } from './separable-conv2d';
import { Reshape } from './reshape';
import { ZeroPadding2D } from './zero-padding2d';

/**
 * The block catalogue: every block type, keyed by its Keras name.
 * Each block lives in its own module next to this file.
 */
const definitions: BlockDefinition[] = [
  Input,
  Conv2D,
  MaxPooling2D,
  AveragePooling2D,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  Flatten,
  Dense,
  Dropout,
  BatchNormalization,
  Activation,
  Add,
  Concatenate,
  Rescaling,
  Normalization,
  RandomFlip,
  RandomRotation,
  RandomZoom,
  RandomTranslation,
  RandomCrop,
  RandomContrast,
  RandomBrightness,
  ZeroPadding2D,
  Reshape,
  Multiply,
  DepthwiseConv2D,
  SeparableConv2D,
];

export const blockCatalogue: Readonly<Record<string, BlockDefinition>> = Object.freeze(
  Object.fromEntries(definitions.map((d) => [d.type, d])),
);

export const blockTypes: readonly string[] = definitions.map((d) => d.type);

export function getBlock(type: string): BlockDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(blockCatalogue, type) ? blockCatalogue[type] : undefined;
}

export function blocksByCategory(): Record<BlockCategory, BlockDefinition[]> {
  const out = {} as Record<BlockCategory, BlockDefinition[]>;
  for (const d of definitions) (out[d.category] ??= []).push(d);
  return out;
}
