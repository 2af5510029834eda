// How the importers of pretrained networks (core/import) and the base catalogue word their problems and notes, in English.
export const importing = {
  // Any file (core/import/import-network.ts, core/services/network-import.ts)
  unknownFormat: '{{source}} cannot be imported: the app reads {{known, join}} files, and its name ends otherwise.',
  unknownFormatUnnamed: 'This file cannot be imported: the app reads {{known, join}} files, and its name ends otherwise.',
  refused: '{{source}} cannot be imported: {{reason, problem}}',
  refusedMessage: '{{source}} cannot be imported: {{message}}',
  badName: '{{file}} cannot be created: {{why, problem}}. Choose another name.',
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

  // Keras layers, from a Keras or TensorFlow.js file (core/import/keras-layers.ts)
  kerasLayer: 'Layer "{{layer}}" ({{className}}): {{reason, problem}}',
  kerasLayerParams: 'Layer "{{layer}}" ({{className}}):\n{{problems, problems}}',
  kerasActivationValue: 'its activation {{value}} is not one the app knows.',
  kerasActivation:
    'the activation "{{name}}" has no equivalent block in the app (it has {{activations, join}}), so the layer cannot be imported without changing what the network computes.',
  kerasRegularizer: 'its `{{argument}}` {{value}} is not an L1 or L2 penalty, the only ones the app has.',
  kerasRelu:
    'ReLU with max_value={{max}}, negative_slope={{slope}}, threshold={{threshold}} has no equivalent activation in the app (it has "relu" and "relu6").',
  kerasArgument:
    'its argument `{{argument}}` ({{value}}) has no equivalent parameter in the app’s {{className}} block, so it cannot be imported without changing the network.',
  kerasArgumentValue:
    'its argument `{{argument}}` is {{value}}; the app’s block only computes `{{argument}}`={{expected}}, so the layer cannot be imported without changing what it computes.',
  kerasInboundNotList: 'its `inbound_nodes` is not a list.',
  kerasCallArguments: 'it is called with {{arguments, join}}, which the app’s block cannot express.',
  kerasInboundNoLayer: 'an entry of its `inbound_nodes` ({{entry}}) names no layer.',
  kerasModelClass:
    '{{what}} holds a model of class {{className}}; only Keras Sequential and functional models (class "Sequential", "Functional" or "Model") can be imported.',
  kerasNoLayers: '{{what}}: the model config lists no layers.',
  kerasInputType: 'its inputs are of type {{type}}; the app’s Input takes numbers (floats).',
  kerasInputSize:
    'its input size is not fixed ({{shape}}); the app’s Input has a fixed shape. Build the model on a fixed input shape (e.g. input_shape=(224, 224, 3)) before saving it.',
  kerasClass:
    'the app has no block for the Keras class {{className}} (it has {{blocks, join}}), so this network cannot be imported without changing it.',
  kerasSameName_inner: '{{what}}: two layers of the model "{{model}}" are named "{{layer}}".',
  kerasSameName: '{{what}}: two layers are named "{{layer}}".',
  kerasInnerInputs:
    'this model inside the model is called on {{count}} inputs; only a model of one input and one output can be imported as part of another.',
  kerasInnerEmpty: 'this model inside the model lists no layers.',
  kerasNoInputShape_inner:
    '{{what}}: the Sequential model "{{model}}" does not say the shape of its input (no InputLayer, no batch_input_shape): build the model on an input shape before saving it.',
  kerasNoInputShape:
    '{{what}}: the Sequential model does not say the shape of its input (no InputLayer, no batch_input_shape): build the model on an input shape before saving it.',
  kerasInnerEnds:
    'this model inside the model has {{inputCount}} inputs ({{inputs, join}}) and {{outputCount}} outputs ({{outputs, join}}); only a model of one input and one output can be imported as part of another.',
  kerasInnerShared:
    'this model inside the model is called {{count}} times (shared between several inputs); the app’s blocks are each used once, so it cannot be imported. Call the inner model once.',
  kerasSharedLayer: 'it is called {{count}} times (a shared layer); each block of the app is used once. Give each use its own layer.',
  kerasNotFed: 'nothing feeds it: its `inbound_nodes` is empty.',
  kerasUnknownFeed: 'it is fed by a layer "{{feed}}" that the model does not have.',
  kerasFeedCall: 'it takes output {{tensor}} of call {{call}} of "{{feed}}"; the app’s blocks have one output and are called once.',
  kerasUnknownOutput_inner: '{{what}}: the model "{{model}}" names as its output a layer "{{layer}}" that it does not have.',
  kerasUnknownOutput: '{{what}}: the model names as its output a layer "{{layer}}" that it does not have.',
  kerasInnerLoose:
    '{{what}}: the layers {{layers, join}} of a model inside the model feed nothing and are not its output; in the app every block that feeds nothing is an output. Remove them from the inner model.',
  kerasOutputs:
    '{{what}}: the model’s outputs ({{outputs, join}}) are not the layers that feed nothing ({{sinks, join}}); in the app every block that feeds nothing is an output. Remove the unused layers {{extra}} or make {{inner}} a last layer.',
  kerasInnerShape: 'this model inside the model takes inputs of shape {{shape}}, but it is fed {{fed}}.',
  kerasNotRunnable: '{{what}} does not make a network the app can run:\n{{errors, blockProblems}}',
  kerasWeightCount:
    '{{what}}: Layer "{{layer}}" ({{className}}) needs {{count}} weight tensor(s) ({{names, join}}) but the file has {{found}} ({{labels, join}}): the weights do not belong to this model.',
  kerasWeightCount_noneFound:
    '{{what}}: Layer "{{layer}}" ({{className}}) needs {{count}} weight tensor(s) ({{names, join}}) but the file has 0: the weights do not belong to this model.',
  kerasWeightCount_noneNeeded:
    '{{what}}: Layer "{{layer}}" ({{className}}) needs 0 weight tensor(s) (none) but the file has {{found}} ({{labels, join}}): the weights do not belong to this model.',
  kerasWeightShape:
    '{{what}}: the weight {{label}} of Layer "{{layer}}" ({{className}}) has shape {{shape, shape}}, but its {{weight}} must be {{expected, shape}} for the layer’s arguments and input: the file lies about its weights.',
  kerasWeightShape_scalar:
    '{{what}}: the weight {{label}} of Layer "{{layer}}" ({{className}}) is a scalar, but its {{weight}} must be {{expected, shape}} for the layer’s arguments and input: the file lies about its weights.',

  // Keras files, .h5 and .keras (core/import/keras.ts)
  kerasNotHdf5: '{{what}} is not a readable HDF5 file ({{reason}}): it is damaged, truncated, or not a Keras file.',
  kerasDamaged: '{{what}}: "{{path}}" cannot be read ({{reason}}); the file is damaged or truncated.',
  kerasMissingWeight:
    '{{what}}: the weight "{{path}}" that the file names is not in it; the file is damaged or was written by another program.',
  kerasLargeIntegers:
    '{{what}}: the weight {{label}} holds integers too large to be kept exactly as the app’s float weights (beyond 16,777,216).',
  kerasNotFloat:
    '{{what}}: the weight {{label}} is not stored as floating-point numbers (HDF5 type {{type}}, {{size}} bytes); the app’s blocks hold float weights.',
  kerasLayerNoGroup:
    '{{what}} lists the layer "{{layer}}" in layer_names but has no group of weights for it: the file is damaged or truncated.',
  kerasWeightNumbers: '{{what}}: the weights of layer "{{path}}" are numbered {{numbers, join}} instead of 0, 1, …: the file is damaged.',
  kerasNoWeights: '{{what}} holds no Keras weights: it has neither a "layer_names" attribute (Keras 2) nor a "layers" group (Keras 3).',
  kerasInnerWeightName:
    '{{what}}: the weight {{label}} of the model "{{model}}" inside the model does not say which of its layers it belongs to (a name like "conv1/kernel:0" is expected): the file was not written by Keras or is damaged.',
  kerasStrayWeights:
    '{{what}} has weights for {{names, quoted}}, which no layer of the model has: the weights do not belong to this model.',
  kerasNoConfig_attribute:
    '{{what}} has no model_config attribute: it holds weights only, with no description of the network. Import the full model file (model.save), or use it as the weights of a known base.',
  kerasNoConfig_file:
    '{{what}} has no config.json: it holds weights only, with no description of the network. Import the full model file (model.save), or use it as the weights of a known base.',
  kerasConfigJson_attribute: '{{what}}: its model_config attribute is not valid JSON ({{message}}); the file is damaged.',
  kerasConfigJson_file: '{{what}}: its config.json is not valid JSON ({{message}}); the file is damaged.',
  kerasNotZip: '{{what}} is not a readable .keras file (a zip archive): {{message}}. It is damaged or truncated.',
  kerasZipEntry: '{{what}} has no {{name}}; a .keras file holds config.json and model.weights.h5.',

  // TensorFlow.js layers models (core/import/tfjs.ts)
  tfjsShardUnreadable:
    '{{what}} lists the weight file "{{path}}", but it cannot be read next to it ({{message}}). Put every file the model came with in the same folder.',
  tfjsWeightType:
    '{{what}}: the weight "{{name}}" is of type {{dtype}}; the app’s blocks hold float32 weights (stored as float32, float16, uint8 or uint16).',
  tfjsWeightType_stored:
    '{{what}}: the weight "{{name}}" is of type {{dtype}} stored as {{stored}}; the app’s blocks hold float32 weights (stored as float32, float16, uint8 or uint16).',
  tfjsShardBytes_truncated:
    '{{what}}: its weights need {{needed}} bytes, but the files {{paths, join}} hold {{total}}: they are truncated. Copy the model again, with all its files.',
  tfjsShardBytes_foreign:
    '{{what}}: its weights need {{needed}} bytes, but the files {{paths, join}} hold {{total}}: they are not the files of this model.json. Copy the model again, with all its files.',
  tfjsWeightTwice: '{{what}}: the weight "{{name}}" is listed twice.',
  tfjsUnreadable: '{{what}} cannot be read: {{message}}.',
  tfjsNotJson: '{{what}} is not valid JSON ({{message}}); a TensorFlow.js model.json is a JSON file. Is it truncated?',
  tfjsGraphModel:
    '{{what}} is a TensorFlow.js graph model (converted from a SavedModel): it has operations, not layers. Convert the Keras model with tensorflowjs_converter --output_format=tfjs_layers_model, or import its ONNX or Keras file.',
  tfjsNoTopology: '{{what}} has no "modelTopology": it is not a TensorFlow.js layers model.',
  tfjsNoManifest:
    '{{what}} has no valid "weightsManifest" (a list of { paths, weights: [{ name, shape, dtype }] }): it is damaged or not a TensorFlow.js layers model.',
  tfjsMissingWeight:
    '{{what}}: layer "{{layer}}" ({{className}}) needs the weight "{{weight}}", which the weights manifest does not list (it lists {{present, join}}).',
  tfjsMissingWeight_none:
    '{{what}}: layer "{{layer}}" ({{className}}) needs the weight "{{weight}}", which the weights manifest does not list.',
  tfjsStrayWeights:
    '{{what}}: the weights manifest lists {{names, quoted}}, which no layer of the model uses: the weights do not belong to this model.',
};
