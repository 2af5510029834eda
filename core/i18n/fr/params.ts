import type { Catalogue } from '../types';
import type { params as en } from '../en/params';

// Ce qui ne va pas dans un paramètre d’un bloc (core/model/params.ts), en français. Chaque phrase a
// une seconde forme, `_block`, qui commence par le bloc concerné, comme les vérifications du graphe l’affichent.
export const params: Catalogue<typeof en> = {
  int: '`{{name}}` doit être un nombre entier entre {{min, decimal}} et {{max, decimal}} (valeur reçue : {{got}}).',
  int_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre entier entre {{min, decimal}} et {{max, decimal}} (valeur reçue : {{got}}).',
  floatMinMax:
    '`{{name}}` doit être un nombre au moins égal à {{min, decimal}} et au plus égal à {{max, decimal}} (valeur reçue : {{got}}).',
  floatMinMax_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre au moins égal à {{min, decimal}} et au plus égal à {{max, decimal}} (valeur reçue : {{got}}).',
  floatAboveMax: '`{{name}}` doit être un nombre supérieur à {{min, decimal}} et au plus égal à {{max, decimal}} (valeur reçue : {{got}}).',
  floatAboveMax_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre supérieur à {{min, decimal}} et au plus égal à {{max, decimal}} (valeur reçue : {{got}}).',
  floatMinBelow:
    '`{{name}}` doit être un nombre au moins égal à {{min, decimal}} et inférieur à {{max, decimal}} (valeur reçue : {{got}}).',
  floatMinBelow_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre au moins égal à {{min, decimal}} et inférieur à {{max, decimal}} (valeur reçue : {{got}}).',
  floatAboveBelow: '`{{name}}` doit être un nombre supérieur à {{min, decimal}} et inférieur à {{max, decimal}} (valeur reçue : {{got}}).',
  floatAboveBelow_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre supérieur à {{min, decimal}} et inférieur à {{max, decimal}} (valeur reçue : {{got}}).',
  choice: '`{{name}}` doit valoir l’une de ces valeurs : {{choices, quoted}} (valeur reçue : {{got}}).',
  choice_block: '{{type}} « {{id}} » : `{{name}}` doit valoir l’une de ces valeurs : {{choices, quoted}} (valeur reçue : {{got}}).',
  bool: '`{{name}}` doit valoir true ou false (valeur reçue : {{got}}).',
  bool_block: '{{type}} « {{id}} » : `{{name}}` doit valoir true ou false (valeur reçue : {{got}}).',
  size2:
    '`{{name}}` doit être un nombre entier entre {{min, decimal}} et {{max, decimal}}, ou une paire [hauteur, largeur] de tels nombres (valeur reçue : {{got}}).',
  size2_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre entier entre {{min, decimal}} et {{max, decimal}}, ou une paire [hauteur, largeur] de tels nombres (valeur reçue : {{got}}).',
  size2Sides:
    '`{{name}}` doit être un nombre entier entre {{min, decimal}} et {{max, decimal}}, une paire [hauteur, largeur] de tels nombres, ou [[haut, bas], [gauche, droite]] (valeur reçue : {{got}}).',
  size2Sides_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre entier entre {{min, decimal}} et {{max, decimal}}, une paire [hauteur, largeur] de tels nombres, ou [[haut, bas], [gauche, droite]] (valeur reçue : {{got}}).',
  shapeRank:
    '`{{name}}` doit être une liste de {{rank}} nombres entiers positifs, par exemple [28, 28, 1] pour une image 28×28 en niveaux de gris (valeur reçue : {{got}}).',
  shapeRank_block:
    '{{type}} « {{id}} » : `{{name}}` doit être une liste de {{rank}} nombres entiers positifs, par exemple [28, 28, 1] pour une image 28×28 en niveaux de gris (valeur reçue : {{got}}).',
  shapeRanks:
    '`{{name}}` doit être une liste de {{min}} à {{max}} nombres entiers positifs, par exemple [28, 28, 1] pour une image 28×28 en niveaux de gris (valeur reçue : {{got}}).',
  shapeRanks_block:
    '{{type}} « {{id}} » : `{{name}}` doit être une liste de {{min}} à {{max}} nombres entiers positifs, par exemple [28, 28, 1] pour une image 28×28 en niveaux de gris (valeur reçue : {{got}}).',
  rangeNumber: '`{{name}}` doit être un nombre entre 0 et {{max, decimal}}, ou une paire [bas, haut] (valeur reçue : {{got}}).',
  rangeNumber_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre entre 0 et {{max, decimal}}, ou une paire [bas, haut] (valeur reçue : {{got}}).',
  rangePair:
    '`{{name}}` doit être un nombre entre 0 et {{max, decimal}}, ou une paire [bas, haut] avec {{min, decimal}} ≤ bas ≤ haut ≤ {{max, decimal}} (valeur reçue : {{got}}).',
  rangePair_block:
    '{{type}} « {{id}} » : `{{name}}` doit être un nombre entre 0 et {{max, decimal}}, ou une paire [bas, haut] avec {{min, decimal}} ≤ bas ≤ haut ≤ {{max, decimal}} (valeur reçue : {{got}}).',
  regularizer: '`{{name}}` doit valoir null, {"l1": x}, {"l2": x} ou {"l1": x, "l2": y} avec 0 ≤ x ≤ 10 (valeur reçue : {{got}}).',
  regularizer_block:
    '{{type}} « {{id}} » : `{{name}}` doit valoir null, {"l1": x}, {"l2": x} ou {"l1": x, "l2": y} avec 0 ≤ x ≤ 10 (valeur reçue : {{got}}).',
  unknownGuess: 'Ce bloc n’a pas de paramètre `{{name}}` ; vouliez-vous dire `{{guess}}` ?',
  unknownGuess_block: '{{type}} « {{id}} » : Ce bloc n’a pas de paramètre `{{name}}` ; vouliez-vous dire `{{guess}}` ?',
  unknown: 'Ce bloc n’a pas de paramètre `{{name}}`. Paramètres connus : {{known, join}}.',
  unknown_block: '{{type}} « {{id}} » : Ce bloc n’a pas de paramètre `{{name}}`. Paramètres connus : {{known, join}}.',
  unknownNone: 'Ce bloc n’a pas de paramètre `{{name}}`. Paramètres connus : aucun.',
  unknownNone_block: '{{type}} « {{id}} » : Ce bloc n’a pas de paramètre `{{name}}`. Paramètres connus : aucun.',
};
