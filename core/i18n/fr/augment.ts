import type { Catalogue } from '../types';
import type { augment as en } from '../en/augment';

// Les problèmes de l’aperçu de l’augmentation (core/services/augmentation-preview.ts), en français.
export const augment: Catalogue<typeof en> = {
  drawsRange: 'Le nombre de tirages doit être un nombre entier de {{min}} à {{max}} (reçu : {{got}}).',
  seedRange: 'La graine doit être un nombre entier de {{min}} à {{max}} (reçu : {{got}}).',
  imageRange: 'Le numéro de l’image doit être un nombre entier de {{min}} à {{max}} (reçu : {{got}}).',
  noInput: 'Le graphe n’a pas de bloc Input : ajoutez-en un, puis placez juste après des blocs d’augmentation comme RandomFlip.',
  noChain:
    'Le graphe n’a pas de bloc d’augmentation juste après son bloc Input « {{id}} » : il n’y a donc rien à prévisualiser. Ajoutez-en un (par exemple RandomFlip ou RandomRotation, dans le groupe Augmentation des blocs) entre le bloc Input et la première couche.',
  noChainOutside:
    'Le graphe n’a pas de bloc d’augmentation juste après son bloc Input « {{id}} » : il n’y a donc rien à prévisualiser. {{blocks, inline}} : connectez les blocs d’augmentation l’un après l’autre, juste après le bloc Input.',
  comesAfter: '{{type}} « {{id}} » vient après {{afterType}} « {{after}} »',
  comesAlone: '{{type}} « {{id}} » vient sans rien de connecté en entrée',
  invalidGraph: 'L’aperçu ne peut pas être affiché tant que ceci n’est pas corrigé : {{first, problem}}',
  notImagesShape:
    'Le bloc Input « {{id}} » a la forme {{shape, shape}} ; les blocs d’augmentation travaillent sur des images : réglez son `shape` sur [hauteur, largeur, canaux].',
  noDataset:
    'Choisissez un jeu de données pour le projet (MNIST ou un dossier d’images) pour voir ses images à travers les blocs d’augmentation.',
  notImagesCsv:
    'L’aperçu de l’augmentation montre des images, mais le fichier CSV {{file}} contient des lignes de nombres. Les blocs d’augmentation ont besoin d’images : choisissez MNIST ou un dossier d’images.',
  notImagesPoints:
    'L’aperçu de l’augmentation montre des images, mais le jeu de données « {{name}} » est fait de points à 2 coordonnées. Les blocs d’augmentation ont besoin d’images : choisissez MNIST ou un dossier d’images.',
  shapeMismatch:
    'Le bloc Input « {{id}} » a la forme {{shape, shape}}, mais chaque image du jeu de données « {{data}} » est {{dataShape, shape}} : réglez `shape` sur [{{dataShape, join}}].',
  noImages: 'Le jeu de données « {{name}} » n’a pas d’images d’entraînement.',
};
