// How exports and code generation (core/export, core/model/codegen) word their problems, in English.
export const exportNs = {
  cannotExpress: '{{type}} "{{id}}": {{format}} cannot express this block: {{why, cause}}',
  tfjsNoActivation:
    'stock TensorFlow.js has no activation "{{activation}}", so the model.json would not load. Choose another `activation` (e.g. "swish" or "relu6") to export to TensorFlow.js.',
  tfjsNoLayer:
    'stock TensorFlow.js has no {{type}} layer, so the model.json would not load. Export to ONNX or PyTorch instead, or remove the block to export to TensorFlow.js.',
  tfjsNoInference:
    '{{type}} "{{id}}" has no inference form that stock TensorFlow.js layers can express. Remove it to export to TensorFlow.js.',
  onnxNoActivation: '{{type}} "{{id}}": the activation "{{activation}}" has no ONNX form in the exporter.',
  onnxUnknownBlock: '{{type}} "{{id}}": the ONNX exporter cannot express the block type {{type}}. Remove it to export to ONNX.',
  pytorchNoActivation: '{{type}} "{{id}}": the activation "{{activation}}" has no PyTorch equivalent in the exporter.',
  pytorchUnknownBlock: '{{type}} "{{id}}": the PyTorch exporter does not know the block type {{type}}.',
  kerasUnknownBlock:
    '{{type}} "{{id}}": the Keras code generator does not know the block type {{type}}, so it cannot write this model in Keras.',
  webSeveralInputs:
    'The web demo page feeds the model one image or one list of numbers, but this model has {{count}} Input blocks ({{inputs, join}}). Export it as tfjs, onnx or pytorch instead.',
  weightWithoutBlock: 'The weight "{{name}}" does not name its block (expected "block/weight", e.g. "conv1/kernel").',
  weightSize: 'The weight "{{name}}" has {{values}} values but its shape {{shape}} needs {{size}}.',
  weightMissingForBlock:
    'The weights have no "{{name}}" for block "{{block}}": they come from a different model. Export from a run of this graph.',
  weightShape:
    'The weight "{{name}}" has shape {{shape}} but block "{{block}}" needs {{needed}}: the graph changed since the run. Export from a run of the current graph, or without weights.',
  weightMissing: 'The weights have no "{{name}}": they do not match this graph. Export from a run of the current graph.',
  wouldOverwrite:
    'The folder {{folder}} already holds {{files, join}}, which this export would replace. Choose an empty folder, or confirm that they may be replaced (on the command line: --force).',
  unknownFormat: 'Unknown export format "{{format}}". Choose one of: {{formats, join}}.',
  folderNotAbsolute: 'The export folder must be a full path, e.g. one chosen in a folder dialog.',
  badFolder: 'Cannot export into {{folder}}: {{why, problem}}. Choose another folder.',
  runNeedsProjectFile: "Exporting a run's weights needs the {{extension}} project file the run is recorded in.",
  graphErrors: 'The model cannot be exported until its errors are fixed: {{first, problem}}',
} as const;
