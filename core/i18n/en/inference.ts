// How the trained model in use (Evaluate, Try it, Inside, a recorded run loaded) words its problems, in English.
export const inference = {
  wrongSizeImage_one: 'The model expects an image of {{shape}} = {{size}} numbers; {{count}} was given.',
  wrongSizeImage_other: 'The model expects an image of {{shape}} = {{size}} numbers; {{count}} were given.',
  wrongSizeSample_one: 'The model expects a sample of {{shape}} = {{size}} numbers; {{count}} was given.',
  wrongSizeSample_other: 'The model expects a sample of {{shape}} = {{size}} numbers; {{count}} were given.',
  notTable:
    'The model in use was not trained on a table (a CSV file), so it takes no row of columns: try it with an image or a drawing instead.',
  unknownColumns: 'The model has no input column {{unknown, quoted}}. Its columns are {{columns, quoted}}.',
  badRow: 'The row cannot be tried: {{cells, inline}}.',
  cellEmpty: 'column "{{column}}" is empty: type a number (the training rows go from {{min, decimal}} to {{max, decimal}})',
  cellNotNumber:
    'column "{{column}}" holds "{{text}}", which is not a number: type a number such as {{mean, decimal}} (the training rows go from {{min, decimal}} to {{max, decimal}})',
  columnsChanged:
    'The columns of {{data}} changed since this run was trained: it learned from {{recorded, quoted}} to find "{{label}}", and the file now has {{now, quoted}} besides "{{nowLabel}}". Put back the file it was trained on, or train again.',
  noSingleInput: 'The trained model has no single Input block, so it cannot be tried here.',
  weightsMismatch:
    'The saved weights ({{saved}} tensors) do not fit the graph they were recorded with ({{model}} tensors of other shapes), so this model cannot be rebuilt. Train the project again.',
  replacedDuringEvaluation: 'Another model was chosen before this one finished its evaluation.',
  classOutOfRange: '{{what, problem}} must be a class number from 0 to {{last}}.',
  actualClass: 'The actual class',
  predictedClass: 'The predicted class',
  // A recorded run loaded as the model in use.
  whichRun: 'Say which recorded run to load: its project file and its number.',
  noRunFile: 'The project file of the run is missing.',
  runsOnlyIn:
    'Runs are recorded only in {{extension}} project files; {{file}} keeps the graph and settings only. Save the project as {{extension}} and train it to keep its runs.',
  badRunId: 'A run is chosen by its number, a whole number from 1 (got {{got}}).',
  badCheckpoint: 'The checkpoint must be "best" or "last" (got {{got}}).',
  runStillTraining: 'Run {{run}} of {{file}} is still training: wait until it ends, then choose it.',
  runNoWeights:
    'Run {{run}} of {{file}} has no saved weights (it ended before its first epoch was complete), so it cannot be evaluated or tried. Choose another run, or train again.',
  noCheckpoint_best: 'Run {{run}} of {{file}} has no best checkpoint.',
  noCheckpoint_last: 'Run {{run}} of {{file}} has no last checkpoint.',
  noCheckpointOther_best: 'Run {{run}} of {{file}} has no best checkpoint; choose its last checkpoint instead.',
  noCheckpointOther_last: 'Run {{run}} of {{file}} has no last checkpoint; choose its best checkpoint instead.',
  runNotLoaded: 'Run {{run}} of {{file}} cannot be loaded: {{why, cause}}',
  // Inside the model.
  unknownBlock:
    'The trained model has no block called "{{id}}". Blocks added or renamed after training are not in it yet: train the model again to look inside them.',
  notNumbers:
    'Block {{id}} ({{type}}) outputs values that are not numbers (NaN or infinite): the training diverged. Lower the learning rate and train again.',
  whichSample: 'Give the sample to look at (its values) and, if you like, which blocks to show.',
  blocksNotList: 'The blocks to look at must be a list of block names.',
  tooManyBlocks: 'Ask for at most {{max}} blocks at a time ({{count}} were asked for).',
  notConv: 'Block {{id}} is a {{type}} block: only Conv2D blocks have filters to show.',
  noConv: 'This model has no Conv2D block, so it has no learned filters to show.',
  whichProject: 'Say which project to preview.',
} as const;
