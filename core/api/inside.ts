// "Look inside": what each block of a trained model makes of one sample, and the filters its first
// convolution learned. Part of the API contract (./contract); browser-safe plain data.
import type { Shape } from '../model/graph';

/** A block of the trained model, in the order the model computes them. */
export interface InsideBlock {
  id: string;
  type: string;
  /** Output shape without the batch dimension. */
  shape: Shape;
}

/** One block's output for the sample. */
export type BlockOutput = InsideBlock &
  (
    | {
        /** An image-like output (height × width × channels): one feature map per channel. */
        kind: 'maps';
        /** Size of each map as sent: the block's own, or smaller when the block's is larger than 64×64. */
        height: number;
        width: number;
        /** How many channels the block has; `maps` holds the first ones (at most 32). */
        channels: number;
        /** One row-major height × width array per channel shown. */
        maps: number[][];
        /** Smallest and largest value over the maps shown, for a shared colour scale. */
        min: number;
        max: number;
      }
    | {
        /** A flat output: one value per unit (neuron). */
        kind: 'vector';
        /** How many values the block has; `values` holds the first ones (at most 128). */
        length: number;
        values: number[];
        min: number;
        max: number;
        /** For a model output with one unit per class: the class names, so the bars can be labelled. */
        classNames?: string[];
      }
  );

export interface InspectRequest {
  /** One sample in the Input block's shape (e.g. 784 grey levels in [0, 1]), before normalisation, as given to `predict`. */
  values: number[];
  /** The blocks to look at (all of them, up to 24, when omitted). */
  nodeIds?: string[];
}

export interface ModelInside {
  sessionId: string;
  /** Every block of the trained model, whether asked for or not. */
  blocks: InsideBlock[];
  outputs: BlockOutput[];
}

/** The learned kernels of a Conv2D block. */
export interface ConvFilters {
  sessionId: string;
  nodeId: string;
  kernelHeight: number;
  kernelWidth: number;
  /** Channels of the block's input (1 for grey images, 3 for colour ones). */
  inputChannels: number;
  /** How many filters the block has; `kernels` holds the first ones (at most 64). */
  filters: number;
  /** kernels[filter][inputChannel]: row-major kernelHeight × kernelWidth weights (input channels after the 8th are left out). */
  kernels: number[][][];
  /** Smallest and largest weight shown, for a shared colour scale. */
  min: number;
  max: number;
}
