// How the importers of pretrained networks (core/import) and the base catalogue word their problems and notes, in English.
export const importing = {
  // Any file (core/import/import-network.ts, core/services/network-import.ts)
  unknownFormat: '{{source}} cannot be imported: the app reads {{known, join}} files, and its name ends otherwise.',
  unknownFormatUnnamed: 'This file cannot be imported: the app reads {{known, join}} files, and its name ends otherwise.',
  refused: '{{source}} cannot be imported: {{reason, problem}}',
  refusedMessage: '{{source}} cannot be imported: {{message}}',
  badName: '{{file}} cannot be created: {{why}}. Choose another name.',
  exists: '{{file}} already exists; it is left as it is. Choose another name.',
  notWritten: '{{file}} could not be written: {{reason, problem}}',
  notWrittenMessage: '{{file}} could not be written: {{message}}',
  notABase: '{{source}} cannot be a base here: {{reason, problem}}',
  notABaseMessage: '{{source}} cannot be a base here: {{message}}',
  uploadTooLarge: '{{file}} is larger than {{size}} GB, too large to import here.',
  uploadUnknown: 'This upload is over or unknown; choose the file again.',
  fileMissing: '{{file}} was not found: choose the network file again.',
  baseNeedsSqlite:
    'A pretrained base keeps its weights in a {{extension}} project file; {{file}} keeps the graph only. Save the project as {{extension}} first.',
  unreadable_missing: '{{file}} cannot be read: there is no such file.',
  unreadable_folder: '{{file}} cannot be read: it is a folder.',
  unreadable: '{{file}} cannot be read ({{message}}).',

  // ONNX's protobuf (core/import/onnx-proto.ts)
  truncated:
    'The file is not a complete ONNX model: $t(import:part_{{part}}) runs past the end of its data (byte {{at}} of {{size}}). It is truncated or damaged; export or download it again.',
  part_number: 'a number',
  part_field: 'a field',
  part_numbers: 'a list of numbers',
  part_tensorName: 'a tensor name',
  part_tensorValues: 'the values of tensor "{{name}}"',
  part_attributeName: 'an attribute name',
  part_attribute: 'attribute "{{name}}"',
  part_nodeAttribute: 'an attribute of node "{{name}}"',
  part_nodeInput: 'a node input',
  part_nodeOutput: 'a node output',
  part_nodeName: 'a node name',
  part_operatorName: 'an operator name',
  part_operatorDomain: 'an operator domain',
  part_dimension: 'a dimension',
  part_dimensionName: 'a dimension name',
  part_valueName: 'an input or output name',
  part_typeOf: 'the type of "{{name}}"',
  part_shapeOf: 'the shape of "{{name}}"',
  part_node: 'node {{name}}',
  part_graphName: 'the graph name',
  part_weightTensor: 'weight tensor {{name}}',
  part_graphInput: 'a graph input',
  part_graphOutput: 'a graph output',
  part_producerName: 'the producer name',
  part_producerVersion: 'the producer version',
  part_graph: 'the graph',
  part_operatorSet: 'an operator set',
  part_operatorSetDomain: 'an operator set domain',
  part_metadataEntry: 'a metadata entry',
  part_metadataKey: 'a metadata key',
  part_metadataValue: 'a metadata value',
  longNumber: 'The file is not an ONNX model: a number at byte {{at}} is longer than protobuf allows.',
  impossibleField:
    'The file is not an ONNX model: its bytes do not follow the protobuf format ONNX uses (an impossible field at byte {{at}}).',
  tensorBytes:
    'The tensor "{{name}}" holds {{bytes}} bytes but its shape {{shape, shape}} of {{type}} needs {{needed}}: the file is damaged.',
  tensorBytes_scalar: 'The tensor "{{name}}" holds {{bytes}} bytes but a scalar of {{type}} needs {{needed}}: the file is damaged.',
  tensorValues: 'The tensor "{{name}}" holds {{values}} values but its shape {{shape, shape}} needs {{needed}}: the file is damaged.',
  tensorValues_scalar: 'The tensor "{{name}}" holds {{values}} values but a scalar needs {{needed}}: the file is damaged.',
  tensorType:
    'The tensor "{{name}}" holds {{type}} values, which the app cannot read: only float32 weights (and integer shapes) are imported. Export the network in float32.',

  // ONNX (core/import/onnx.ts)
  onnxNode: '{{op}} node "{{name}}": {{reason, problem}}',
  onnxNode_output: '{{op}} node (output "{{name}}"): {{reason, problem}}',
  onnxSharedWeights_one:
    '{{count}} weight tensor of the file is shared through Identity nodes (as PyTorch writes identical tensors once); each block has its own copy.',
  onnxSharedWeights_other:
    '{{count}} weight tensors of the file are shared through Identity nodes (as PyTorch writes identical tensors once); each block has its own copy.',
  onnxHardSigmoids_one:
    '{{count}} HardSigmoid node became Rescaling → relu6 → Rescaling blocks, exactly the same function (clip(αx + β, 0, 1) = relu6(6αx + 6β) / 6): the app has no hard-sigmoid activation.',
  onnxHardSigmoids_other:
    '{{count}} HardSigmoid nodes became Rescaling → relu6 → Rescaling blocks, exactly the same function (clip(αx + β, 0, 1) = relu6(6αx + 6β) / 6): the app has no hard-sigmoid activation.',
  onnxPaddingBlocks_one:
    '{{count}} ZeroPadding2D block reproduces ONNX\'s explicit padding where Keras\'s "same" padding would pad differently.',
  onnxPaddingBlocks_other:
    '{{count}} ZeroPadding2D blocks reproduce ONNX\'s explicit padding where Keras\'s "same" padding would pad differently.',
  onnxExternalData:
    'The weight tensor "{{name}}" is stored in a separate file (ONNX external data), which the app does not read. Export the network as one .onnx file (models under 2 GB fit in one).',
  onnxMissingInput: 'its input {{index}} ("{{input}}") is missing or produced by no node of the file.',
  onnxConstantInput:
    'its input "{{input}}" is a constant, where the app expects values computed from the network\'s input. Only networks whose operators act on their input can be imported.',
  onnxComputedWeight:
    'its $t(import:role_{{role}}) ("{{input}}") is computed by the network, where the app needs a fixed weight tensor of the file.',
  role_weight: 'weight input',
  role_bias: 'bias input',
  role_scale: 'scale input',
  role_mean: 'mean input',
  role_variance: 'variance input',
  role_minimum: 'minimum input',
  role_maximum: 'maximum input',
  role_axes: 'axes input',
  role_shape: 'shape input',
  role_pads: 'pads input',
  role_value: 'value input',
  role_ratio: 'ratio input',
  onnxNotImage: 'it works on images (N×C×H×W) but its input "{{input}}" has shape {{shape, shape}} (without the batch).',
  onnxNotVector:
    'it works on vectors (N×F) but its input "{{input}}" has shape {{shape, shape}} (without the batch). Add a Flatten before it in the original network.',
  onnxNoInput: 'The ONNX graph has no input: there is nothing to feed the network.',
  onnxInputType: 'The input "{{input}}" takes {{type}} values; the app feeds float32 images or vectors.',
  onnxInputType_code: 'The input "{{input}}" takes values of type {{type}}; the app feeds float32 images or vectors.',
  onnxInputShape:
    'The input "{{input}}" has shape {{shape, shape}}; the app imports networks whose input is a batch of images of a fixed size (N×C×H×W) or of vectors (N×F). Export the network with a fixed image size (only the batch may vary).',
  onnxInputShape_unknown:
    'The input "{{input}}" has an unknown shape; the app imports networks whose input is a batch of images of a fixed size (N×C×H×W) or of vectors (N×F). Export the network with a fixed image size (only the batch may vary).',
  onnxNoOutput: 'The ONNX graph has no output: the network computes nothing to import.',
  onnxOutputUnproduced: 'The output "{{output}}" of the ONNX graph is produced by no node: the file is damaged.',
  onnxInputUnproduced:
    'its input "{{input}}" is produced by no node of the file, or only by a node that depends on it: the graph is damaged.',
  onnxOutputConstant:
    'The output "{{output}}" of the ONNX graph is a constant, not computed from the input: there is no network to import.',
  onnxOutputFlattened:
    'The output "{{output}}" is a flattened {{image, shape}} image: ONNX orders its values channel first and the app pixel first, so they would come out in another order. Import the network up to its last layer that is not such a Flatten.',
  onnxOutputInside:
    'The output "{{output}}" is also used inside the network; the app\'s outputs are its last blocks only. Export the network with its final outputs alone.',
  onnxOutputImage: 'The output "{{output}}" is an image: the app gives it as H×W×C ({{shape, shape}}), where ONNX gives C×H×W.',
  onnxValue: "its `{{attribute}}` {{value}} cannot be expressed with the app's blocks: {{why, problem}}",
  onnxExtraOutput:
    'the network reads its output "{{output}}", which the app\'s blocks do not compute (only the first output of {{op}} is imported).',
  onnxDomain:
    'the operator {{op}} of the domain "{{domain}}" is not a standard ONNX operator, and the app cannot express it. Supported operators: {{supported, join}}.',
  onnxOperator:
    'the app has no block for the ONNX operator {{op}}, so the network cannot be imported without changing what it computes. Supported operators: {{supported, join}}.',
  onnxNotValue: 'it is not an ONNX value.',
  onnxWindowPads: 'a 2-D window takes four padding values of at least 0.',
  onnxKernelShape: 'the weights are {{kernel, shape}}.',
  onnxWindow2d: 'only 2-D windows are imported.',
  onnxDilated: 'the app’s convolutions and poolings are not dilated.',
  onnxWindowFits: 'its {{kernel, shape}} window does not fit in the {{size, shape}} image it receives.',
  onnxCeilMode:
    'it makes a {{ceil, shape}} output where the app\'s windows make {{out, shape}} (Keras\'s "same" padding gives that size only when it pads alike).',
  onnxConvWeights: 'its weights have shape {{shape, shape}}; only 2-D convolutions (4-D weights) are imported.',
  onnxGroups:
    'the app has ordinary convolutions (group 1) and depthwise ones (group = the {{channels}} input channels), not convolutions in {{group}} groups.',
  onnxConvChannels: 'its weights take {{perGroup}} channels but its input has {{channels}}: the file is damaged.',
  onnxConvBias: 'its bias has {{values}} values for {{filters}} filters: the file is damaged.',
  onnxTraining: 'the app imports networks at inference (BatchNormalization with its running statistics).',
  onnxNormFlattened:
    'it normalises a flattened {{image, shape}} image, whose values the app orders differently; only BatchNormalization over channels or vector features is imported.',
  onnxNormTensor: 'its tensor "{{name}}" has {{values}} values for {{channels}} channels: the file is damaged.',
  onnxEpsilon: 'the BatchNormalization block takes an epsilon above 0 and at most 1.',
  onnxElu: 'Keras’s elu uses alpha 1.',
  onnxSelu: 'Keras’s selu uses the standard constants.',
  onnxHardSwishOpset: 'HardSwish needs opset 14, but the file declares opset {{opset}}: the file is damaged.',
  onnxSoftmaxAxis:
    "the app's softmax acts on the channels (of an image) or the features (of a vector), and this one acts on another axis of its {{shape, shape}} input.",
  onnxClip: "it clips to [{{min}}, {{max}}], and the app's activations clip only to [0, 6] (relu6) or [0, ∞) (relu).",
  onnxArithmetic_constants:
    "{{op}} of constants alone cannot be expressed with the app's blocks (Add and Multiply take computed tensors, Rescaling a scalar constant).",
  onnxArithmetic_computed:
    "{{op}} of two computed tensors cannot be expressed with the app's blocks (Add and Multiply take computed tensors, Rescaling a scalar constant).",
  onnxRescaling_scale:
    "it scales its input by a constant of shape {{shape, shape}}, and the app's Rescaling block takes one number for every value. Only a scalar constant (or a bias after MatMul) is imported.",
  onnxRescaling_shift:
    "it shifts its input by a constant of shape {{shape, shape}}, and the app's Rescaling block takes one number for every value. Only a scalar constant (or a bias after MatMul) is imported.",
  onnxDivideConstant: 'it divides a constant by the network’s values (or by zero), which the app’s Rescaling block cannot do.',
  onnxNotFinite: 'it is not a finite number.',
  onnxBroadcast:
    "it combines tensors of shapes {{shapes, shapes}} by broadcasting, and the app's {{block}} block takes tensors of one shape.",
  onnxNoAxis: 'it has no `axis` attribute: the file is damaged.',
  onnxConcat:
    'the app joins images along their channels, height or width and vectors along their features, with inputs of one kind (here {{shapes, join}}).',
  onnxPoolKernel: 'it has no 2-D `kernel_shape`; only 2-D poolings are imported.',
  onnxMaxPoolPad:
    'a max pooling pads with -∞; the app pads with zeros (ZeroPadding2D), which gives the same result only on values that are never negative (e.g. right after a relu), and this input may be negative.',
  onnxAveragePad: 'this average leaves the padding out of the mean (count_include_pad 0) with a padding that is not Keras’s "same" one.',
  onnxReduceAxes: 'the app averages or takes the maximum over the height and width of an image (axes 2 and 3) only.',
  onnxFlattenAxis: 'the app flattens every axis but the batch (axis 1).',
  onnxTransposed: 'the app’s Dense multiplies the batch of vectors as it is.',
  onnxDenseWeights: 'its weights have shape {{shape, shape}}; a Dense block takes a matrix.',
  onnxDenseInputs: 'its weights take {{inputs}} values but its input has {{got}}: the file is damaged.',
  onnxDenseBias: "its bias has shape {{shape, shape}} for {{units}} outputs; the app's Dense adds one bias per output.",
  onnxFlattenReordered:
    'The weights of Dense "{{block}}" are reordered for the app\'s Flatten, which orders an image\'s values pixel by pixel where ONNX orders them channel by channel.',
  onnxReshapeBatch: 'the app reshapes every sample alike and keeps the batch as it is (first dimension 0 or -1).',
  onnxReshapeSize: 'it does not hold the {{size}} values of its {{shape, shape}} input.',
  onnxReshapeOrder:
    "a reshape of {{from, shape}} to {{to, shape}} in ONNX's channel-first order would need a transpose in the app's channel-last one; only flattening and vectors made 1×1 images are imported.",
  onnxSqueeze_squeeze: 'only the two 1-pixel axes of a C×1×1 image are removed by the app, and this input has shape {{shape, shape}}.',
  onnxSqueeze_unsqueeze:
    'only the two 1-pixel axes of a future C×1×1 image are added by the app, and this input has shape {{shape, shape}}.',
  onnxPadZeros: 'the app pads images with zeros only (ZeroPadding2D).',
  onnxPadSides: 'ZeroPadding2D adds rows and columns to the height and the width (none removed), and nothing to the batch or the channels.',
  onnxConstantValue: 'its value (attribute "{{attribute}}") is not a number tensor the app reads.',
  onnxConstantValue_none: 'its value (no attribute) is not a number tensor the app reads.',
  onnxNoOpset: 'The file names no version of ONNX’s operator set (opset_import): it is truncated, damaged or not an ONNX model.',
  onnxEmpty: '{{file}} is empty: it is not an ONNX model.',
  onnxNotModel_graph:
    '{{file}} is not an ONNX model: it has no graph. Choose a .onnx file written by an ONNX exporter (e.g. torch.onnx.export).',
  onnxNotModel_ir:
    '{{file}} is not an ONNX model: it has no IR version. Choose a .onnx file written by an ONNX exporter (e.g. torch.onnx.export).',
  onnxNotWhole: "The imported network does not hold together in the app's blocks ({{block}}): {{reason, problem}}",
  onnxNotWhole_graph: "The imported network does not hold together in the app's blocks (graph): {{reason, problem}}",
  onnxShapeDiffers:
    'The block "{{block}}" computes {{computed, shape}} where the file\'s network has {{shape, shape}}: the file cannot be imported exactly.',
  onnxRead: 'Read {{operators}} ONNX operators (opset {{opset}}) as {{blocks}} blocks.',
  onnxRead_producer: 'Read {{operators}} ONNX operators (opset {{opset}}, written by {{producer}}) as {{blocks}} blocks.',

  // The command line (core/cli/commands/import-model.ts)
  existsForce: '{{file}} already exists; it is left as it is. Choose another name, or add --force to replace it.',
  imported:
    "Imported {{source}} into {{out}}: {{blocks}} blocks, {{params, number}} parameters ({{trainable, number}} trainable), with its weights as the project's pretrained weights.",
};
