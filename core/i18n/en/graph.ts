// How the graph checks (core/model/analyze.ts) word their problems, in English.
export const graph = {
  duplicateId: 'Two blocks share the id "{{id}}": every block needs its own id.',
  unknownTypeGuess: '"{{type}}" is not a block type; did you mean "{{guess}}"?',
  unknownType: '"{{type}}" is not a block type. Known types: {{known, join}}.',
  danglingEdge: 'A connection {{source}} → {{target}} points to a block "{{missing}}" that does not exist: delete the connection.',
  selfLoop: '"{{id}}" is connected to itself: a block cannot feed its own input. Delete that connection.',
  duplicateEdge: '"{{source}}" is connected to "{{target}}" twice; the extra connection is ignored.',
  cycle:
    '"{{id}}" is part of a loop ({{cycle, path}}). Data must flow one way, from the Input to the output: remove one connection of the loop.',
  inputIntoInput: '{{type}} "{{id}}" is where data enters the model, so nothing can be connected into it. Remove the connection into it.',
  noInputEdge: '{{type}} "{{id}}" has no input: connect the block before it to its input handle.',
  oneInputOnly:
    '{{type}} "{{id}}" takes exactly one input but {{got}} are connected. To combine branches, join them with an Add or Concatenate block first.',
  tooFewInputs: '{{type}} "{{id}}" needs at least {{min}} inputs to merge but has {{got}}: connect another branch to it.',
  invalidId:
    '{{type}} "{{id}}": its id cannot be used as a layer name by training and exports (an id must start with a letter or a digit and contain only letters without accents (a–z, A–Z), digits, "_", "-", "." and "/"). Rename the block, for example to "{{suggestion}}".',
  empty: 'The graph is empty: drag an Input block onto the canvas to start.',
  noInput: 'The graph has no Input block: add one and connect it to the first layer, so the model knows the shape of its data.',
  noOutput: 'The graph has no layers after its Input, so it has no output: connect a layer (for example Dense) after the Input.',
  unusedInput: 'Input "{{id}}" is not connected to anything, so its data reaches no output: connect it to the first layer or delete it.',
  notFed: '{{type}} "{{id}}" receives no data: no path leads to it from an Input block. Connect its branch to an Input.',
  severalOutputs:
    'The graph ends in {{count}} places ({{ends, ids}}), so the model has {{count}} outputs. If "{{id}}" is not meant to be an output, connect it to the next block or delete it.',
  denseNeedsFlatten:
    'Dense "{{id}}" receives a {{shape, shape}} tensor. It will only mix the last axis ({{last}} values), separately at each of the {{positions, shape}} positions, and output {{output, shape}}. To connect every value to every unit, add a Flatten block before it.',
  linearStack:
    'Dense "{{id}}" has no activation and feeds Dense "{{dense}}": two linear layers in a row compute nothing more than one. Set `activation` to "relu" (or another non-linearity) on "{{id}}".',
  dropoutAtOutput:
    'Dropout "{{id}}" is the last block, so it acts on the model\'s predictions instead of its features. Move it before the last Dense layer.',
  augmentationAtOutput:
    '{{type}} (augmentation) "{{id}}" is the last block, so it acts on the model\'s predictions instead of its features. Move it before the last Dense layer.',
  softmaxRegression:
    'The output "{{id}}" uses softmax, which turns outputs into class probabilities, but the loss {{loss}} is for predicting numbers (regression). For classes use categoricalCrossentropy; for numbers set `activation` to "linear".',
  severalInputs:
    'Training needs exactly one Input block, but the model has {{count}} ({{inputs, join}}): delete Input "{{id}}" or connect its branch to the other Input instead.',
  inputNotData:
    'The Input block "{{id}}" has shape {{shape, shape}} but each sample of the data set "{{data}}" is {{dataShape, shape}}: set `shape` to [{{dataShape, join}}].',
  outputNotFlat:
    'The model\'s output "{{id}}" gives {{shape, shape}} values for each sample, but it must give $t(graph:outputWant_{{want}}): $t(graph:outputFix_{{fix}}).',
  outputWant_classes: '{{classes}} values, one per class',
  outputWant_class: 'one value per class',
  outputWant_target: 'one value per target',
  outputFix_flatten: 'add a Flatten block (or GlobalAveragePooling2D) just before Dense "{{dense}}"',
  outputFix_denseSoftmax:
    'add a Flatten block and then a Dense block with `units` = $t(graph:units_{{units}}) and `activation` "softmax" after "{{id}}"',
  outputFix_denseSigmoid:
    'add a Flatten block and then a Dense block with `units` = $t(graph:units_{{units}}) and `activation` "sigmoid" after "{{id}}"',
  outputFix_dense: 'add a Flatten block and then a Dense block with `units` = $t(graph:units_{{units}}) after "{{id}}"',
  units_classes: '{{classes}}',
  units_class: 'the number of classes',
  units_target: 'the number of targets',
  outputUnitsClasses_one:
    'The output block "{{id}}" has {{count}} unit but the data set has {{classes}} classes: $t(graph:unitsFix_{{fix}}).',
  outputUnitsClasses_other:
    'The output block "{{id}}" has {{count}} units but the data set has {{classes}} classes: $t(graph:unitsFix_{{fix}}).',
  unitsFix_set: 'set `units` to {{classes}}',
  unitsFix_dense: 'end the model with a Dense block of {{classes}} units',
  crossentropyOneUnit:
    'The loss {{loss}} needs one probability per class, but the output "{{id}}" has a single unit: softmax over one value is always 1, so nothing would be learned. Set `units` to $t(graph:units_{{units}}) on "{{last}}", or, for two classes, choose the loss binaryCrossentropy with `activation` "sigmoid".',
  rawOutputSoftmax:
    'The loss {{loss}} expects class probabilities, but the output "{{id}}" ({{type}}) gives raw values: add a Dense block with `units` = {{units}} and `activation` "softmax" after it.',
  rawOutputSigmoid:
    'The loss {{loss}} expects a probability between 0 and 1, but the output "{{id}}" ({{type}}) gives raw values: add a Dense block with `units` = {{units}} and `activation` "sigmoid" after it.',
  needsSoftmax:
    'The loss {{loss}} expects class probabilities, but the output "{{id}}" uses the "{{activation}}" activation. Set `activation` to "softmax" on "{{id}}".',
  needsSigmoid:
    'The loss binaryCrossentropy expects a probability between 0 and 1, but the output "{{id}}" uses "{{activation}}". Set `activation` to "sigmoid" on "{{id}}".',
  outOfMemory:
    "Training this model needs at least {{need, bytes}} of memory ({{weights, bytes}} of weights, {{gradients, bytes}} of gradients and optimizer state, {{activations, bytes}} of block outputs per batch, with batches of {{batchSize}}), more than this computer's {{have, bytes}}: it cannot be trained here. To fix it, use smaller Input shapes or images, fewer units or filters, or a smaller batch size.",
  outOfMemory_block:
    'Training this model needs at least {{need, bytes}} of memory ({{weights, bytes}} of weights, {{gradients, bytes}} of gradients and optimizer state, {{activations, bytes}} of block outputs per batch, with batches of {{batchSize}}), more than this computer\'s {{have, bytes}}: it cannot be trained here. The largest is {{type}} "{{id}}". To fix it, use smaller Input shapes or images, fewer units or filters, or a smaller batch size.',
  memory:
    "Training this model needs about {{need, bytes}} of memory ({{weights, bytes}} of weights, {{gradients, bytes}} of gradients and optimizer state, {{activations, bytes}} of block outputs per batch, with batches of {{batchSize}}), more than half of this computer's {{have, bytes}}: it may run out of memory. If it does, use smaller Input shapes or images, fewer units or filters, or a smaller batch size.",
  memory_block:
    'Training this model needs about {{need, bytes}} of memory ({{weights, bytes}} of weights, {{gradients, bytes}} of gradients and optimizer state, {{activations, bytes}} of block outputs per batch, with batches of {{batchSize}}), more than half of this computer\'s {{have, bytes}}: it may run out of memory. The largest is {{type}} "{{id}}". If it does, use smaller Input shapes or images, fewer units or filters, or a smaller batch size.',
  errors: 'Errors:',
  warnings: 'Warnings:',
  cannotBuild: 'The model cannot be built: {{first, problem}}',
  cannotBuildAll: 'The model cannot be built; fix these {{count}} problems first:\n{{problems, problems}}',
  cannotExport: 'The graph has errors, so it cannot be exported or turned into code. Fix them first:\n{{errors, blockProblems}}',
  modelNoOutput: 'The model has no output: connect at least one layer after the Input.',
} as const;
