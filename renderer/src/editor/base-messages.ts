// The base block's texts (a pretrained network drawn as one block) (the `ui-base` namespace).

export const baseMessagesEn = {
  base: {
    badge: 'Pretrained base',
    layers_one: '{{count}} layer',
    layers_other: '{{count}} layers',
    expand: 'Expand',
    expandLabel: 'Show the {{count}} blocks of the base {{name}}',
    collapse: 'Collapse',
    collapseLabel: 'Draw the base {{name}} as one block',
    counts: '{{trainable, count}} trainable · {{frozen, count}} frozen',
    source: 'From {{source}}',
    inspectorTitle: 'Pretrained base',
    output: 'Output {{shape}}',
    total_one: '{{count, number}} parameter',
    total_other: '{{count, number}} parameters',
    trainable: 'Trainable',
    trainableHelp:
      'Off: the base keeps its pretrained weights while the blocks after it learn (transfer learning). On: training changes them too.',
    unfreeze: 'Unfreeze the last',
    unfreezeUnit: 'layers with weights',
    unfreezeButton: 'Unfreeze',
    unfreezeHelp: 'Fine-tuning: the last layers with weights learn, the others stay frozen. Use a small learning rate.',
    layersTitle: 'Layers',
    layerType: 'Type',
    layerShape: 'Output',
    layerParams: 'Parameters',
    frozenMark: 'frozen',
    delete: 'Delete the base',
  },
};

export const baseMessagesFr: typeof baseMessagesEn = {
  base: {
    badge: 'Base pré-entraînée',
    layers_one: '{{count}} couche',
    layers_other: '{{count}} couches',
    expand: 'Déplier',
    expandLabel: 'Montrer les {{count}} blocs de la base {{name}}',
    collapse: 'Replier',
    collapseLabel: 'Dessiner la base {{name}} comme un seul bloc',
    counts: '{{trainable, count}} entraînables · {{frozen, count}} gelés',
    source: 'Issue de {{source}}',
    inspectorTitle: 'Base pré-entraînée',
    output: 'Sortie {{shape}}',
    total_one: '{{count, number}} paramètre',
    total_other: '{{count, number}} paramètres',
    trainable: 'Entraînable',
    trainableHelp:
      'Désactivé : la base garde ses poids pré-entraînés pendant que les blocs après elle apprennent (apprentissage par transfert). Activé : l’entraînement les modifie aussi.',
    unfreeze: 'Dégeler les',
    unfreezeUnit: 'dernières couches à poids',
    unfreezeButton: 'Dégeler',
    unfreezeHelp:
      'Réglage fin : les dernières couches à poids apprennent, les autres restent gelées. Prenez un petit taux d’apprentissage.',
    layersTitle: 'Couches',
    layerType: 'Type',
    layerShape: 'Sortie',
    layerParams: 'Paramètres',
    frozenMark: 'gelée',
    delete: 'Supprimer la base',
  },
};
