// Why a block cannot work with the shape of its input (the shape rules of core/model/blocks), in
// English. Each sentence has a second form, `_block`, that opens with the block and its input.
export const shapes = {
  needsChannels:
    '{{type}} works on images (height × width × channels), but receives {{input, shape}}, which has no channel axis. Give the Input a shape like [{{height}}, {{width}}, 1].',
  needsChannels_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): {{type}} works on images (height × width × channels), but receives {{input, shape}}, which has no channel axis. Give the Input a shape like [{{height}}, {{width}}, 1].',
  needsImage:
    '{{type}} works on images (height × width × channels), but receives a flat vector of {{input, shape}} values. Place it before Flatten or Dense, or give the Input an image shape such as [28, 28, 1].',
  needsImage_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): {{type}} works on images (height × width × channels), but receives a flat vector of {{input, shape}} values. Place it before Flatten or Dense, or give the Input an image shape such as [28, 28, 1].',
  kernelTooLarge:
    'The {{kh}}×{{kw}} kernel is larger than its {{h}}×{{w}} input: use a smaller `{{param}}`, `padding: "same"`, or remove a pooling block before it.',
  kernelTooLarge_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): The {{kh}}×{{kw}} kernel is larger than its {{h}}×{{w}} input: use a smaller `{{param}}`, `padding: "same"`, or remove a pooling block before it.',
  poolTooLarge:
    'The {{kh}}×{{kw}} pool window is larger than its {{h}}×{{w}} input: use a smaller `{{param}}`, `padding: "same"`, or remove a pooling block before it.',
  poolTooLarge_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): The {{kh}}×{{kw}} pool window is larger than its {{h}}×{{w}} input: use a smaller `{{param}}`, `padding: "same"`, or remove a pooling block before it.',
  batchAxis: '`axis` 0 is the batch axis, which {{type}} cannot use. Use -1 for the last axis (the channels of an image).',
  batchAxis_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): `axis` 0 is the batch axis, which {{type}} cannot use. Use -1 for the last axis (the channels of an image).',
  missingAxis:
    '`axis` {{axis}} does not exist on a {{rank}}-D input. Use -1 for the last axis, or a value from 1 to {{rank}} (0 is the batch).',
  missingAxis_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): `axis` {{axis}} does not exist on a {{rank}}-D input. Use -1 for the last axis, or a value from 1 to {{rank}} (0 is the batch).',
  cropTooHigh:
    'A {{height}}×{{width}} crop does not fit in a {{imageHeight}}×{{imageWidth}} image: set `height` to at most {{imageHeight}}, the height of the image.',
  cropTooHigh_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): A {{height}}×{{width}} crop does not fit in a {{imageHeight}}×{{imageWidth}} image: set `height` to at most {{imageHeight}}, the height of the image.',
  cropTooWide:
    'A {{height}}×{{width}} crop does not fit in a {{imageHeight}}×{{imageWidth}} image: set `width` to at most {{imageWidth}}, the width of the image.',
  cropTooWide_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): A {{height}}×{{width}} crop does not fit in a {{imageHeight}}×{{imageWidth}} image: set `width` to at most {{imageWidth}}, the width of the image.',
  batchNormAxis:
    'TensorFlow.js can only train BatchNormalization over the last axis (here axis -1, the {{channels}} values of each position), not `axis` {{axis}}. Set `axis` to -1.',
  batchNormAxis_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): TensorFlow.js can only train BatchNormalization over the last axis (here axis -1, the {{channels}} values of each position), not `axis` {{axis}}. Set `axis` to -1.',
  addShapes:
    'Add sums its inputs value by value, so they must have the same shape, but it receives {{inputs, shapes}}. Make the branches produce the same shape, e.g. with `padding: "same"` on their convolutions and the same number of filters.',
  addShapes_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): Add sums its inputs value by value, so they must have the same shape, but it receives {{inputs, shapes}}. Make the branches produce the same shape, e.g. with `padding: "same"` on their convolutions and the same number of filters.',
  multiplyShapes:
    'Multiply multiplies its inputs value by value, so they must have the same shape (a size of 1 is repeated to fit, as in [1, 1, channels] times an image), but it receives {{inputs, shapes}}. Make the branches produce the same shape, e.g. a Reshape to [1, 1, channels] after a GlobalAveragePooling2D.',
  multiplyShapes_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): Multiply multiplies its inputs value by value, so they must have the same shape (a size of 1 is repeated to fit, as in [1, 1, channels] times an image), but it receives {{inputs, shapes}}. Make the branches produce the same shape, e.g. a Reshape to [1, 1, channels] after a GlobalAveragePooling2D.',
  concatenateRanks:
    'Concatenate joins tensors with the same number of axes, but it receives {{inputs, shapes}}. Add Flatten (or GlobalAveragePooling2D) to the image branch so that both are vectors.',
  concatenateRanks_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): Concatenate joins tensors with the same number of axes, but it receives {{inputs, shapes}}. Add Flatten (or GlobalAveragePooling2D) to the image branch so that both are vectors.',
  concatenateAxis:
    'Concatenate with `axis` {{axis}} needs inputs that differ only along that axis, but it receives {{inputs, shapes}}. Make the branches produce the same size on the other axes (e.g. `padding: "same"`), or change `axis`.',
  concatenateAxis_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): Concatenate with `axis` {{axis}} needs inputs that differ only along that axis, but it receives {{inputs, shapes}}. Make the branches produce the same size on the other axes (e.g. `padding: "same"`), or change `axis`.',
  reshapeSize:
    '`targetShape` {{target, shape}} holds {{targetSize}} values but the input {{input, shape}} has {{inputSize}}: give a shape whose sizes multiply to {{inputSize}}, e.g. [{{inputSize}}].',
  reshapeSize_block:
    '{{type}} "{{id}}" (input {{inputs, shapes}}): `targetShape` {{target, shape}} holds {{targetSize}} values but the input {{input, shape}} has {{inputSize}}: give a shape whose sizes multiply to {{inputSize}}, e.g. [{{inputSize}}].',
} as const;
