import type { Catalogue } from '../types';
import type { inference as en } from '../en/inference';

// Les problèmes du modèle utilisé (évaluer, essayer, regarder à l’intérieur, charger un entraînement enregistré), en français.
export const inference: Catalogue<typeof en> = {
  wrongSizeImage_one: 'Le modèle attend une image de {{shape}} = {{size}} nombres ; {{count}} a été fourni.',
  wrongSizeImage_other: 'Le modèle attend une image de {{shape}} = {{size}} nombres ; {{count}} ont été fournis.',
  wrongSizeSample_one: 'Le modèle attend un exemple de {{shape}} = {{size}} nombres ; {{count}} a été fourni.',
  wrongSizeSample_other: 'Le modèle attend un exemple de {{shape}} = {{size}} nombres ; {{count}} ont été fournis.',
  notTable:
    'Le modèle utilisé n’a pas été entraîné sur un tableau (un fichier CSV) : il ne prend donc pas de ligne de colonnes. Essayez-le plutôt avec une image ou un dessin.',
  unknownColumns: 'Le modèle n’a pas de colonne d’entrée {{unknown, names}}. Ses colonnes sont {{columns, names}}.',
  badRow: 'La ligne ne peut pas être essayée : {{cells, inline}}.',
  cellEmpty: 'la colonne « {{column}} » est vide : tapez un nombre (les lignes d’entraînement vont de {{min, decimal}} à {{max, decimal}})',
  cellNotNumber:
    'la colonne « {{column}} » contient « {{text}} », qui n’est pas un nombre : tapez un nombre comme {{mean, decimal}} (les lignes d’entraînement vont de {{min, decimal}} à {{max, decimal}})',
  columnsChanged:
    'Les colonnes de {{data}} ont changé depuis cet entraînement : il a appris à partir de {{recorded, names}} à trouver « {{label}} », et le fichier a maintenant {{now, names}} en plus de « {{nowLabel}} ». Remettez le fichier sur lequel il a été entraîné, ou entraînez à nouveau.',
  noSingleInput: 'Le modèle entraîné n’a pas un unique bloc Input : il ne peut donc pas être essayé ici.',
  weightsMismatch:
    'Les poids enregistrés ({{saved}} tenseurs) ne correspondent pas au graphe avec lequel ils ont été enregistrés ({{model}} tenseurs d’autres formes) : ce modèle ne peut donc pas être reconstruit. Entraînez à nouveau le projet.',
  replacedDuringEvaluation: 'Un autre modèle a été choisi avant que celui-ci ait fini son évaluation.',
  classOutOfRange: '{{what, problem}} doit être un numéro de classe de 0 à {{last}}.',
  actualClass: 'La classe réelle',
  predictedClass: 'La classe prédite',
  whichRun: 'Indiquez l’entraînement enregistré à charger : son fichier de projet et son numéro.',
  noRunFile: 'Le fichier de projet de l’entraînement manque.',
  runsOnlyIn:
    'Les entraînements ne sont enregistrés que dans les fichiers de projet {{extension}} ; {{file}} ne garde que le graphe et les réglages. Enregistrez le projet en {{extension}} et entraînez-le pour garder ses entraînements.',
  badRunId: 'Un entraînement se choisit par son numéro, un nombre entier à partir de 1 (reçu : {{got}}).',
  badCheckpoint: 'Le point de sauvegarde doit être « best » ou « last » (reçu : {{got}}).',
  runStillTraining: 'L’entraînement {{run}} de {{file}} est encore en cours : attendez qu’il se termine, puis choisissez-le.',
  runNoWeights:
    'L’entraînement {{run}} de {{file}} n’a pas de poids enregistrés (il s’est arrêté avant la fin de sa première époque) : il ne peut donc être ni évalué ni essayé. Choisissez un autre entraînement, ou entraînez à nouveau.',
  noCheckpoint_best: 'L’entraînement {{run}} de {{file}} n’a pas de poids de sa meilleure époque.',
  noCheckpoint_last: 'L’entraînement {{run}} de {{file}} n’a pas de poids de sa dernière époque.',
  noCheckpointOther_best:
    'L’entraînement {{run}} de {{file}} n’a pas de poids de sa meilleure époque ; choisissez plutôt ceux de sa dernière époque.',
  noCheckpointOther_last:
    'L’entraînement {{run}} de {{file}} n’a pas de poids de sa dernière époque ; choisissez plutôt ceux de sa meilleure époque.',
  runNotLoaded: 'L’entraînement {{run}} de {{file}} ne peut pas être chargé : {{why, cause}}',
  unknownBlock:
    'Le modèle entraîné n’a pas de bloc nommé « {{id}} ». Les blocs ajoutés ou renommés après l’entraînement n’y sont pas encore : entraînez à nouveau le modèle pour regarder à l’intérieur.',
  notNumbers:
    'Le bloc {{id}} ({{type}}) produit des valeurs qui ne sont pas des nombres (NaN ou infini) : l’entraînement a divergé. Baissez le taux d’apprentissage et entraînez à nouveau.',
  whichSample: 'Donnez l’exemple à regarder (ses valeurs) et, si vous le souhaitez, les blocs à afficher.',
  blocksNotList: 'Les blocs à regarder doivent être une liste de noms de blocs.',
  tooManyBlocks: 'Demandez au plus {{max}} blocs à la fois ({{count}} ont été demandés).',
  notConv: 'Le bloc {{id}} est un bloc {{type}} : seuls les blocs Conv2D ont des filtres à montrer.',
  noConv: 'Ce modèle n’a pas de bloc Conv2D : il n’a donc pas de filtres appris à montrer.',
  whichProject: 'Indiquez le projet à prévisualiser.',
};
