import type { Catalogue } from '../types';
import type { shapes as en } from '../en/shapes';

// Pourquoi un bloc ne peut pas travailler avec la forme de son entrée (règles de forme de
// core/model/blocks), en français. Chaque phrase a une seconde forme, `_block`, qui commence par le bloc et son entrée.
export const shapes: Catalogue<typeof en> = {
  needsChannels:
    '{{type}} travaille sur des images (hauteur × largeur × canaux), mais reçoit {{input, shape}}, sans axe de canaux. Donnez à l’Input une forme comme [{{height}}, {{width}}, 1].',
  needsChannels_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : {{type}} travaille sur des images (hauteur × largeur × canaux), mais reçoit {{input, shape}}, sans axe de canaux. Donnez à l’Input une forme comme [{{height}}, {{width}}, 1].',
  needsImage:
    '{{type}} travaille sur des images (hauteur × largeur × canaux), mais reçoit un vecteur plat de {{input, shape}} valeurs. Placez-le avant Flatten ou Dense, ou donnez à l’Input une forme d’image comme [28, 28, 1].',
  needsImage_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : {{type}} travaille sur des images (hauteur × largeur × canaux), mais reçoit un vecteur plat de {{input, shape}} valeurs. Placez-le avant Flatten ou Dense, ou donnez à l’Input une forme d’image comme [28, 28, 1].',
  kernelTooLarge:
    'Le noyau {{kh}}×{{kw}} dépasse son entrée {{h}}×{{w}} : choisissez un `{{param}}` plus petit, `padding: "same"`, ou retirez un bloc de pooling placé avant.',
  kernelTooLarge_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : Le noyau {{kh}}×{{kw}} dépasse son entrée {{h}}×{{w}} : choisissez un `{{param}}` plus petit, `padding: "same"`, ou retirez un bloc de pooling placé avant.',
  poolTooLarge:
    'La fenêtre de pooling {{kh}}×{{kw}} dépasse son entrée {{h}}×{{w}} : choisissez un `{{param}}` plus petit, `padding: "same"`, ou retirez un bloc de pooling placé avant.',
  poolTooLarge_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : La fenêtre de pooling {{kh}}×{{kw}} dépasse son entrée {{h}}×{{w}} : choisissez un `{{param}}` plus petit, `padding: "same"`, ou retirez un bloc de pooling placé avant.',
  batchAxis:
    '`axis` 0 est l’axe du lot (batch), que {{type}} ne peut pas utiliser. Utilisez -1 pour le dernier axe (les canaux d’une image).',
  batchAxis_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : `axis` 0 est l’axe du lot (batch), que {{type}} ne peut pas utiliser. Utilisez -1 pour le dernier axe (les canaux d’une image).',
  missingAxis:
    '`axis` {{axis}} n’existe pas pour une entrée à {{rank}} dimensions. Utilisez -1 pour le dernier axe, ou une valeur de 1 à {{rank}} (0 est le lot).',
  missingAxis_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : `axis` {{axis}} n’existe pas pour une entrée à {{rank}} dimensions. Utilisez -1 pour le dernier axe, ou une valeur de 1 à {{rank}} (0 est le lot).',
  cropTooHigh:
    'Un recadrage {{height}}×{{width}} ne tient pas dans une image {{imageHeight}}×{{imageWidth}} : réglez `height` sur {{imageHeight}} au plus, la hauteur de l’image.',
  cropTooHigh_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : Un recadrage {{height}}×{{width}} ne tient pas dans une image {{imageHeight}}×{{imageWidth}} : réglez `height` sur {{imageHeight}} au plus, la hauteur de l’image.',
  cropTooWide:
    'Un recadrage {{height}}×{{width}} ne tient pas dans une image {{imageHeight}}×{{imageWidth}} : réglez `width` sur {{imageWidth}} au plus, la largeur de l’image.',
  cropTooWide_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : Un recadrage {{height}}×{{width}} ne tient pas dans une image {{imageHeight}}×{{imageWidth}} : réglez `width` sur {{imageWidth}} au plus, la largeur de l’image.',
  batchNormAxis:
    'TensorFlow.js ne sait entraîner BatchNormalization que sur le dernier axe (ici l’axe -1, les {{channels}} valeurs de chaque position), pas sur `axis` {{axis}}. Réglez `axis` sur -1.',
  batchNormAxis_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : TensorFlow.js ne sait entraîner BatchNormalization que sur le dernier axe (ici l’axe -1, les {{channels}} valeurs de chaque position), pas sur `axis` {{axis}}. Réglez `axis` sur -1.',
  addShapes:
    'Add additionne ses entrées valeur par valeur : elles doivent donc avoir la même forme, mais il reçoit {{inputs, shapes}}. Faites produire la même forme aux branches, par exemple avec `padding: "same"` sur leurs convolutions et le même nombre de filtres.',
  addShapes_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : Add additionne ses entrées valeur par valeur : elles doivent donc avoir la même forme, mais il reçoit {{inputs, shapes}}. Faites produire la même forme aux branches, par exemple avec `padding: "same"` sur leurs convolutions et le même nombre de filtres.',
  multiplyShapes:
    'Multiply multiplie ses entrées valeur par valeur : elles doivent donc avoir la même forme (une taille 1 est répétée pour s’ajuster, comme [1, 1, canaux] fois une image), mais il reçoit {{inputs, shapes}}. Faites produire la même forme aux branches, par ex. un Reshape en [1, 1, canaux] après un GlobalAveragePooling2D.',
  multiplyShapes_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : Multiply multiplie ses entrées valeur par valeur : elles doivent donc avoir la même forme (une taille 1 est répétée pour s’ajuster, comme [1, 1, canaux] fois une image), mais il reçoit {{inputs, shapes}}. Faites produire la même forme aux branches, par ex. un Reshape en [1, 1, canaux] après un GlobalAveragePooling2D.',
  concatenateRanks:
    'Concatenate joint des tenseurs qui ont le même nombre d’axes, mais il reçoit {{inputs, shapes}}. Ajoutez Flatten (ou GlobalAveragePooling2D) à la branche d’images pour que les deux soient des vecteurs.',
  concatenateRanks_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : Concatenate joint des tenseurs qui ont le même nombre d’axes, mais il reçoit {{inputs, shapes}}. Ajoutez Flatten (ou GlobalAveragePooling2D) à la branche d’images pour que les deux soient des vecteurs.',
  concatenateAxis:
    'Concatenate avec `axis` {{axis}} demande des entrées qui ne diffèrent que le long de cet axe, mais il reçoit {{inputs, shapes}}. Faites produire la même taille aux branches sur les autres axes (par exemple `padding: "same"`), ou changez `axis`.',
  concatenateAxis_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : Concatenate avec `axis` {{axis}} demande des entrées qui ne diffèrent que le long de cet axe, mais il reçoit {{inputs, shapes}}. Faites produire la même taille aux branches sur les autres axes (par exemple `padding: "same"`), ou changez `axis`.',
  reshapeSize:
    '`targetShape` {{target, shape}} contient {{targetSize}} valeurs, mais l’entrée {{input, shape}} en a {{inputSize}} : donnez une forme dont les tailles ont pour produit {{inputSize}}, par ex. [{{inputSize}}].',
  reshapeSize_block:
    '{{type}} « {{id}} » (entrée {{inputs, shapes}}) : `targetShape` {{target, shape}} contient {{targetSize}} valeurs, mais l’entrée {{input, shape}} en a {{inputSize}} : donnez une forme dont les tailles ont pour produit {{inputSize}}, par ex. [{{inputSize}}].',
};
