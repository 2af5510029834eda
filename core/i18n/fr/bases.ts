import type { Catalogue } from '../types';
import type { bases as en } from '../en/bases';

// Les problèmes que signale le catalogue des bases préentraînées (core/catalogue), en français.
export const bases: Catalogue<typeof en> = {
  layersExtra:
    'Les couches de {{file}} ne correspondent pas au réseau : le fichier a des poids pour {{extra, ids}}, absents du réseau. Utilisez le fichier de poids fait pour ce réseau.',
  layersMissing_one:
    'Les couches de {{file}} ne correspondent pas au réseau : {{missing, ids}} du réseau n’a pas de poids dans le fichier. Utilisez le fichier de poids fait pour ce réseau.',
  layersMissing_other:
    'Les couches de {{file}} ne correspondent pas au réseau : {{missing, ids}} du réseau n’ont pas de poids dans le fichier. Utilisez le fichier de poids fait pour ce réseau.',
  layersBoth_one:
    'Les couches de {{file}} ne correspondent pas au réseau : le fichier a des poids pour {{extra, ids}}, absents du réseau ; {{missing, ids}} du réseau n’a pas de poids dans le fichier. Utilisez le fichier de poids fait pour ce réseau.',
  layersBoth_other:
    'Les couches de {{file}} ne correspondent pas au réseau : le fichier a des poids pour {{extra, ids}}, absents du réseau ; {{missing, ids}} du réseau n’ont pas de poids dans le fichier. Utilisez le fichier de poids fait pour ce réseau.',
  weightCount:
    'La couche « {{layer}} » de {{file}} a {{count}} poids ({{names, join}}), mais le bloc du réseau en a {{wanted}} ({{wantedNames, join}}). Utilisez le fichier de poids fait pour ce réseau.',
  weightShape:
    'Le poids « {{weight}} » de la couche « {{layer}} » dans {{file}} a la forme [{{shape, join}}], mais {{name}} du réseau demande [{{wantedShape, join}}]. Utilisez le fichier de poids fait pour ce réseau (et les canaux de sa taille d’entrée).',
  offline:
    '{{base}} ne peut pas être téléchargé : {{url}} est injoignable ({{why}}). Cet ordinateur semble hors ligne. Réessayez une fois en ligne, ou importez plutôt un réseau depuis un fichier : `neuroblocks import-model FICHIER --out PROJET.nbproj` (par ex. un fichier ONNX).',
  notDownloaded: '{{base}} n’a pas encore été téléchargé : téléchargez-le d’abord.',

  // L’ajout d’une base à un projet (core/services/pretrained-bases.ts)
  unknownBase: 'Il n’y a pas de base préentraînée « {{base}} » dans le catalogue.',
  oneInput: '{{base}} se place après le bloc Input du projet, et ce projet en a {{count}}. Gardez un seul bloc Input.',
  inputShape:
    '{{base}} prend des images couleur carrées d’au moins {{min}}×{{min}}×3, mais le bloc Input « {{id}} » a la `shape` {{shape, shape}}. Réglez sa `shape` sur par ex. [{{side}}, {{side}}, 3] (ou [64, 64, 3] pour de petites images), puis ajoutez la base.',
};
