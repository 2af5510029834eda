// The examples' names and descriptions in French. English is the examples' own text (projects/*.json),
// which stays the reference: the CLI and saved projects use it.
import type { ExampleSummary } from '../../../core/api/contract';
import { docLanguage } from '../ui/format';
import { frenchSpacing } from '../ui/typography';

export const frenchExampleTexts: Record<string, { name: string; description: string }> = {
  'augmented-cnn': {
    name: 'CNN avec augmentation de données',
    description:
      'Tous les blocs d’augmentation devant un CNN : chaque image d’entraînement est retournée, tournée, zoomée, décalée, recadrée, et son contraste et sa luminosité changent au hasard, si bien que le réseau voit une nouvelle variante à chaque époque. À l’inférence, ils ne font rien (le recadrage garde le centre).',
  },
  'digits-0-4': {
    name: 'Chiffres 0–4',
    description:
      'Apprentissage par transfert, étape 1 : un petit réseau convolutif apprend les chiffres 0 à 4 sur les 30 596 images MNIST d’entraînement de ces chiffres, comme un réseau pré-entraîné apprend sur beaucoup d’images. Entraînez-le, puis dans Historique choisissez « Utiliser comme base pré-entraînée » sur son entraînement et prenez le projet « Chiffres 5–9 à partir de 50 images par classe » : ses convolutions, qui ont appris des traits et des courbes, y deviennent une base gelée.',
  },
  'digits-5-9-few': {
    name: 'Chiffres 5–9 à partir de 50 images par classe',
    description:
      'Apprentissage par transfert, étape 2 : apprendre les chiffres 5 à 9 à partir de 50 images de chacun seulement. Entraîné tel quel, ce petit réseau n’apprend qu’à partir des pixels. Entraînez ensuite « Chiffres 0–4 » et, dans son Historique, choisissez « Utiliser comme base pré-entraînée » avec ce projet pour cible : la base se place entre l’Input et Flatten, gelée, et les mêmes 250 images n’entraînent que les blocs après elle. Comparez la précision de test des deux entraînements dans Historique.',
  },
  'mnist-cnn': {
    name: 'CNN MNIST',
    description:
      'Le réseau convolutif du cours pour les chiffres manuscrits : deux étages convolution + pooling, du dropout et un classifieur dense (42 358 paramètres). Il s’entraîne sur 8 000 des 60 000 chiffres d’entraînement pour rester rapide ; avec les 60 000 (10 époques), il atteint 98,8 % sur les 10 000 chiffres de test.',
  },
  'mnist-mlp': {
    name: 'MLP MNIST',
    description:
      'Un réseau dense (perceptron multicouche) sur les mêmes chiffres : chaque pixel relié à chaque neurone, sans notion de voisinage. Comparez-le au CNN. Il s’entraîne sur 8 000 des 60 000 chiffres d’entraînement ; avec les 60 000 (10 époques), il atteint 97,6 % sur les 10 000 chiffres de test, moins que le CNN.',
  },
  'residual-cnn': {
    name: 'CNN résiduel',
    description:
      'Un petit réseau résiduel : l’entrée de deux convolutions est ajoutée à leur sortie (une connexion résiduelle, comme dans ResNet), ce qui aide les réseaux profonds à apprendre.',
  },
  'spirals-mlp': {
    name: 'Deux spirales',
    description:
      'Deux spirales entrelacées, comme dans TensorFlow Playground : un petit réseau à deux couches cachées apprend à les séparer.',
  },
  'vgg16-transfer': {
    name: 'Transfert d’apprentissage VGG16',
    description:
      'Transfert d’apprentissage : la base convolutive de VGG16 sur des images couleur 64×64, gelée (trainable: false), surmontée d’un nouveau classifieur dense. 14 920 598 paramètres, dont 205 910 entraînés.',
  },
};

/** The example's name and description in the interface's language (English when there is no translation). */
export function exampleText(
  example: Pick<ExampleSummary, 'id' | 'name' | 'description'>,
  language: string,
): { name: string; description?: string } {
  const french = docLanguage(language) === 'fr' ? frenchExampleTexts[example.id] : undefined;
  return french
    ? { name: frenchSpacing(french.name), description: frenchSpacing(french.description) }
    : { name: example.name, description: example.description };
}
