// How the catalogue of pretrained bases (core/catalogue) words its problems, in English.
export const bases = {
  layersExtra:
    'The layers of {{file}} do not match the network: the file has weights for {{extra, ids}}, which the network lacks. Use the weights file made for this network.',
  layersMissing_one:
    "The layers of {{file}} do not match the network: the network's {{missing, ids}} has no weights in the file. Use the weights file made for this network.",
  layersMissing_other:
    "The layers of {{file}} do not match the network: the network's {{missing, ids}} have no weights in the file. Use the weights file made for this network.",
  layersBoth_one:
    "The layers of {{file}} do not match the network: the file has weights for {{extra, ids}}, which the network lacks; the network's {{missing, ids}} has no weights in the file. Use the weights file made for this network.",
  layersBoth_other:
    "The layers of {{file}} do not match the network: the file has weights for {{extra, ids}}, which the network lacks; the network's {{missing, ids}} have no weights in the file. Use the weights file made for this network.",
  weightCount:
    'Layer "{{layer}}" of {{file}} has {{count}} weights ({{names, join}}), but the network\'s block has {{wanted}} ({{wantedNames, join}}). Use the weights file made for this network.',
  weightShape:
    'The weight "{{weight}}" of layer "{{layer}}" in {{file}} has shape [{{shape, join}}], but the network\'s {{name}} needs [{{wantedShape, join}}]. Use the weights file made for this network (and its input size\'s channels).',
  offline:
    '{{base}} cannot be downloaded: {{url}} cannot be reached ({{why}}). This computer seems to be offline. Try again once it is online, or import a network from a file instead: `neuroblocks import-model FILE --out PROJECT.nbproj` (e.g. an ONNX file).',
  notDownloaded: '{{base}} has not been downloaded yet: download it first.',

  // Adding a base to a project (core/services/pretrained-bases.ts)
  unknownBase: 'There is no pretrained base "{{base}}" in the catalogue.',
  oneInput: "{{base}} goes after the project's Input block, and this project has {{count}}. Keep one Input block.",
  inputShape:
    '{{base}} takes square colour images of at least {{min}}×{{min}}×3, but the Input block "{{id}}" has `shape` {{shape, shape}}. Set its `shape` to e.g. [{{side}}, {{side}}, 3] (or [64, 64, 3] for small images), then add the base.',
};
