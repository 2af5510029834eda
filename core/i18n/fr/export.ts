import type { Catalogue } from '../types';
import type { exportNs as en } from '../en/export';

// Les problèmes des exports et de la génération de code (core/export, core/model/codegen), en français.
export const exportNs: Catalogue<typeof en> = {
  cannotExpress: '{{type}} « {{id}} » : {{format}} ne sait pas exprimer ce bloc : {{why, cause}}',
  tfjsNoActivation:
    'TensorFlow.js n’a pas d’activation « {{activation}} » : le model.json ne se chargerait pas. Choisissez une autre `activation` (par ex. « swish » ou « relu6 ») pour exporter vers TensorFlow.js.',
  tfjsNoLayer:
    'TensorFlow.js n’a pas de couche {{type}} : le model.json ne se chargerait pas. Exportez plutôt vers ONNX ou PyTorch, ou retirez le bloc pour exporter vers TensorFlow.js.',
  tfjsNoInference:
    '{{type}} « {{id}} » n’a pas de forme d’inférence que les couches standard de TensorFlow.js sachent exprimer. Retirez-le pour exporter vers TensorFlow.js.',
  onnxNoActivation: '{{type}} « {{id}} » : l’activation « {{activation}} » n’a pas de forme ONNX dans l’exporteur.',
  onnxUnknownBlock:
    '{{type}} « {{id}} » : l’exporteur ONNX ne sait pas exprimer le type de bloc {{type}}. Retirez-le pour exporter vers ONNX.',
  pytorchNoActivation: '{{type}} « {{id}} » : l’activation « {{activation}} » n’a pas d’équivalent PyTorch dans l’exporteur.',
  pytorchUnknownBlock: '{{type}} « {{id}} » : l’exporteur PyTorch ne connaît pas le type de bloc {{type}}.',
  kerasUnknownBlock:
    '{{type}} « {{id}} » : le générateur de code Keras ne connaît pas le type de bloc {{type}} ; il ne peut donc pas écrire ce modèle en Keras.',
  webSeveralInputs:
    'La page de démonstration web donne au modèle une image ou une liste de nombres, mais ce modèle a {{count}} blocs Input ({{inputs, join}}). Exportez-le plutôt en tfjs, onnx ou pytorch.',
  weightWithoutBlock: 'Le poids « {{name}} » ne nomme pas son bloc (forme attendue : "bloc/poids", par exemple "conv1/kernel").',
  weightSize: 'Le poids « {{name}} » a {{values}} valeurs, mais sa forme {{shape}} en demande {{size}}.',
  weightMissingForBlock:
    'Les poids n’ont pas de « {{name}} » pour le bloc « {{block}} » : ils viennent d’un autre modèle. Exportez depuis un entraînement de ce graphe.',
  weightShape:
    'Le poids « {{name}} » a la forme {{shape}}, mais le bloc « {{block}} » demande {{needed}} : le graphe a changé depuis cet entraînement. Exportez depuis un entraînement du graphe actuel, ou sans les poids.',
  weightMissing:
    'Les poids n’ont pas de « {{name}} » : ils ne correspondent pas à ce graphe. Exportez depuis un entraînement du graphe actuel.',
  wouldOverwrite:
    'Le dossier {{folder}} contient déjà {{files, join}}, que cet export remplacerait. Choisissez un dossier vide, ou confirmez qu’ils peuvent être remplacés (en ligne de commande : --force).',
  unknownFormat: 'Format d’export inconnu « {{format}} ». Choisissez parmi : {{formats, join}}.',
  folderNotAbsolute: 'Le dossier d’export doit être un chemin complet, par exemple un dossier choisi dans une fenêtre de sélection.',
  badFolder: 'Impossible d’exporter dans {{folder}} : {{why, problem}}. Choisissez un autre dossier.',
  runNeedsProjectFile: 'Exporter les poids d’un entraînement demande le fichier de projet {{extension}} où il est enregistré.',
  graphErrors: 'Le modèle ne peut pas être exporté tant que ses erreurs ne sont pas corrigées : {{first, problem}}',
};
