// How the augmentation preview (core/services/augmentation-preview.ts) words its problems, in English.
export const augment = {
  drawsRange: 'The number of draws must be a whole number from {{min}} to {{max}} (got {{got}}).',
  seedRange: 'The seed must be a whole number from {{min}} to {{max}} (got {{got}}).',
  imageRange: 'The image number must be a whole number from {{min}} to {{max}} (got {{got}}).',
  noInput: 'The graph has no Input block: add one, then put augmentation blocks such as RandomFlip right after it.',
  noChain:
    'The graph has no augmentation block right after its Input block "{{id}}", so there is nothing to preview. Add one (for example RandomFlip or RandomRotation, in the Augmentation group of the palette) between the Input block and the first layer.',
  noChainOutside:
    'The graph has no augmentation block right after its Input block "{{id}}", so there is nothing to preview. {{blocks, inline}}: connect augmentation blocks one after the other, right after the Input block.',
  comesAfter: '{{type}} "{{id}}" comes after {{afterType}} "{{after}}"',
  comesAlone: '{{type}} "{{id}}" comes with nothing connected into it',
  invalidGraph: 'The preview cannot be drawn until this is fixed: {{first, problem}}',
  notImagesShape:
    'The Input block "{{id}}" has shape {{shape, shape}}; augmentation blocks work on images: set its `shape` to [height, width, channels].',
  noDataset: 'Choose a data set for the project (MNIST or an image folder) to see its images through the augmentation blocks.',
  notImagesCsv:
    'The augmentation preview shows images, but the CSV file {{file}} holds rows of numbers. Augmentation blocks need images: choose MNIST or an image folder.',
  notImagesPoints:
    'The augmentation preview shows images, but the data set "{{name}}" is made of points with 2 coordinates. Augmentation blocks need images: choose MNIST or an image folder.',
  shapeMismatch:
    'The Input block "{{id}}" has shape {{shape, shape}} but each image of the data set "{{data}}" is {{dataShape, shape}}: set `shape` to [{{dataShape, join}}].',
  noImages: 'The data set "{{name}}" has no training images.',
} as const;
