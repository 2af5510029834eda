import type { Catalogue } from '../types';
import type { store as en } from '../en/store';

// Comment le magasin de projets (core/store : fichiers .nbproj, leurs entraînements et leurs poids) et
// l’historique des entraînements disent leurs problèmes, en français.
export const store: Catalogue<typeof en> = {
  // Ce qui était en cours quand une écriture a échoué : « Impossible d’enregistrer le projet : … ».
  action_open: 'd’ouvrir le projet',
  action_create: 'de créer le fichier de projet',
  action_save: 'd’enregistrer le projet',
  action_autosave: 'd’enregistrer automatiquement le projet',
  action_restore: 'de restaurer la version',
  action_import: 'd’importer le projet',
  action_recordDataset: 'd’enregistrer le jeu de données',
  action_keepPretrained: 'de garder les poids préentraînés',
  action_removePretrained: 'de retirer les poids préentraînés',
  action_startRun: 'de commencer à enregistrer l’entraînement',
  action_recordEpoch: 'd’enregistrer l’époque {{epoch}}',
  action_saveCheckpoint: 'd’enregistrer les poids de l’époque {{epoch}}',
  action_finishRun: 'de terminer l’entraînement',
  action_recordEvaluation: 'd’enregistrer l’évaluation',
  action_recordExport: 'd’enregistrer l’export',
  action_deleteRun: 'de supprimer l’entraînement {{runId}}',
  action_resumeRun: 'de reprendre l’entraînement {{runId}}',
  action_saveCopy: 'd’enregistrer une copie du projet',
  writeDiskFull:
    'Impossible $t(store:action_{{action}}) : le disque est plein (ou le projet a atteint sa taille maximale). Rien n’a été perdu : {{path}} contient toujours ce qui avait été enregistré. Libérez de l’espace disque et réessayez.',
  writeReadOnly:
    'Impossible $t(store:action_{{action}}) : {{path}} est en lecture seule (impossible d’écrire dans le fichier ou son dossier). Rien n’a été perdu ; utilisez « Enregistrer sous » pour garder votre travail dans un dossier où vous pouvez écrire.',
  writeBusy:
    'Impossible $t(store:action_{{action}}) : {{path}} est en cours d’écriture par une autre fenêtre de Neuroblocks ou un autre programme. Réessayez dans un instant.',
  writeDamaged:
    'Impossible $t(store:action_{{action}}) : {{path}} est endommagé. Ouvrez une sauvegarde, ou utilisez « Enregistrer sous » depuis une fenêtre où le projet est encore ouvert.',
  writeIo:
    'Impossible $t(store:action_{{action}}) : le disque a signalé une erreur pendant l’écriture de {{path}} ({{code}}). Rien de ce qui avait été enregistré n’a été perdu ; vérifiez le disque et réessayez.',
  openReadOnly:
    'Impossible $t(store:action_{{action}}) : {{path}} est ouvert en lecture seule. Utilisez « Enregistrer sous » pour garder votre travail ailleurs.',
  openReadOnly_reason:
    'Impossible $t(store:action_{{action}}) : {{path}} est ouvert en lecture seule ({{reason, problem}}). Utilisez « Enregistrer sous » pour garder votre travail ailleurs.',
  notWritable: 'impossible d’écrire dans {{path}} ou dans son dossier',
  fileReadOnly: 'le fichier est en lecture seule',

  notFound: '{{path}} n’existe pas.',
  notAFile: '{{path}} est un dossier ou un périphérique, pas un fichier de projet.',
  cannotRead: 'Impossible de lire {{path}} : {{detail}}.',
  cannotRead_denied: 'Impossible de lire {{path}} : accès refusé.',
  notProject_json:
    '{{path}} n’est pas un fichier de projet Neuroblocks : il ressemble à du JSON. Si c’est un projet JSON, importez-le (il sera enregistré comme nouveau fichier de projet).',
  notProject_empty: '{{path}} n’est pas un fichier de projet Neuroblocks : il est vide.',
  notProject_sqlite: '{{path}} n’est pas un fichier de projet Neuroblocks : ce n’est pas une base de données SQLite.',
  otherProgram:
    '{{path}} est une base de données SQLite d’un autre programme, pas un fichier de projet Neuroblocks. Il n’a pas été modifié.',
  truncated:
    '{{path}} est endommagé : il est plus court qu’il ne devrait ({{size, number}} octets au lieu de {{expected, number}}), peut-être une copie ou un téléchargement interrompu. Il n’a pas été modifié.',
  cannotOpenAsProject: '{{path}} ne peut pas être ouvert comme fichier de projet ({{detail}}). Il n’a pas été modifié.',
  newerVersion:
    '{{path}} a été enregistré par une version plus récente de Neuroblocks (version de fichier {{version}} ; celle-ci lit jusqu’à la version {{supported}}). Mettez Neuroblocks à jour pour l’ouvrir. Le fichier n’a pas été modifié.',
  unknownVersion:
    '{{path}} a une version de fichier inconnue ({{version}}) ; ce n’est pas un fichier de projet que ce Neuroblocks sait lire. Il n’a pas été modifié.',
  failedCheck: '{{path}} est endommagé ({{problems}}). Il n’a pas été modifié ; ouvrez une sauvegarde ou une copie reçue auparavant.',
  layout_extra: '{{path}} n’a pas la structure d’un fichier de projet Neuroblocks (en trop : {{extra, join}}). Il n’a pas été modifié.',
  layout_missing:
    '{{path}} n’a pas la structure d’un fichier de projet Neuroblocks (manquant : {{missing, join}}). Il n’a pas été modifié.',
  layout_both:
    '{{path}} n’a pas la structure d’un fichier de projet Neuroblocks (en trop : {{extra, join}} ; manquant : {{missing, join}}). Il n’a pas été modifié.',
  noFormatTag: '{{path}} n’est pas un fichier de projet Neuroblocks (sa marque de format manque). Il n’a pas été modifié.',
  damaged: '{{path}} est endommagé ({{detail}}). Il n’a pas été modifié ; ouvrez une sauvegarde.',
  cannotReadAsProject: '{{path}} ne peut pas être lu comme fichier de projet ({{detail}}). Il n’a pas été modifié.',
  valueTooLarge:
    '{{path}} contient une valeur plus grosse que ce que Neuroblocks accepte ({{bytes}} octets, au plus {{max}}). Il n’a pas été modifié.',
  projectMissing:
    '{{path}} est endommagé : son projet (graphe et réglages) manque. Il n’a pas été modifié. Ouvrez une sauvegarde ou une copie reçue auparavant.',
  projectUnreadable:
    '{{path}} est endommagé : son projet (graphe et réglages) est illisible ({{reason, problem}}). Il n’a pas été modifié. Ouvrez une sauvegarde ou une copie reçue auparavant.',

  // Les mêmes refus d’un fichier reçu par envoi (core/services/project-upload.ts), dont rien n’est conservé.
  otherProgram_upload:
    '{{path}} est une base de données SQLite d’un autre programme, pas un fichier de projet Neuroblocks. Rien n’a été conservé.',
  truncated_upload:
    '{{path}} est endommagé : il est plus court qu’il ne devrait ({{size, number}} octets au lieu de {{expected, number}}), peut-être une copie ou un téléchargement interrompu. Rien n’a été conservé.',
  cannotOpenAsProject_upload: '{{path}} ne peut pas être ouvert comme fichier de projet ({{detail}}). Rien n’a été conservé.',
  newerVersion_upload:
    '{{path}} a été enregistré par une version plus récente de Neuroblocks (version de fichier {{version}} ; celle-ci lit jusqu’à la version {{supported}}). Mettez Neuroblocks à jour pour l’ouvrir. Rien n’a été conservé.',
  unknownVersion_upload:
    '{{path}} a une version de fichier inconnue ({{version}}) ; ce n’est pas un fichier de projet que ce Neuroblocks sait lire. Rien n’a été conservé.',
  failedCheck_upload: '{{path}} est endommagé ({{problems}}). Rien n’a été conservé ; ouvrez une sauvegarde ou une copie reçue auparavant.',
  layout_extraUpload:
    '{{path}} n’a pas la structure d’un fichier de projet Neuroblocks (en trop : {{extra, join}}). Rien n’a été conservé.',
  layout_missingUpload:
    '{{path}} n’a pas la structure d’un fichier de projet Neuroblocks (manquant : {{missing, join}}). Rien n’a été conservé.',
  layout_bothUpload:
    '{{path}} n’a pas la structure d’un fichier de projet Neuroblocks (en trop : {{extra, join}} ; manquant : {{missing, join}}). Rien n’a été conservé.',
  noFormatTag_upload: '{{path}} n’est pas un fichier de projet Neuroblocks (sa marque de format manque). Rien n’a été conservé.',
  damaged_upload: '{{path}} est endommagé ({{detail}}). Rien n’a été conservé ; ouvrez une sauvegarde.',
  cannotReadAsProject_upload: '{{path}} ne peut pas être lu comme fichier de projet ({{detail}}). Rien n’a été conservé.',
  valueTooLarge_upload:
    '{{path}} contient une valeur plus grosse que ce que Neuroblocks accepte ({{bytes}} octets, au plus {{max}}). Rien n’a été conservé.',
  projectMissing_upload:
    '{{path}} est endommagé : son projet (graphe et réglages) manque. Rien n’a été conservé. Ouvrez une sauvegarde ou une copie reçue auparavant.',
  projectUnreadable_upload:
    '{{path}} est endommagé : son projet (graphe et réglages) est illisible ({{reason, problem}}). Rien n’a été conservé. Ouvrez une sauvegarde ou une copie reçue auparavant.',

  olderNeedsWrite:
    '{{path}} a été créé par une version plus ancienne de Neuroblocks et doit être mis à jour avant d’être ouvert, ce qui demande de pouvoir y écrire. Copiez-le dans un dossier où vous pouvez écrire et ouvrez la copie.',
  closed: 'Le projet {{path}} est fermé.',
  projectTooLarge: 'Le projet est trop gros pour être enregistré ({{bytes}} octets de JSON, au plus {{max}}).',
  autosaveReadOnly:
    '{{path}} est ouvert en lecture seule ; les modifications ne peuvent pas y être enregistrées. Utilisez « Enregistrer sous ».',
  versionNotFound: 'La version {{id}} n’existe pas dans ce projet.',
  copyOverItself: 'Une copie ne peut pas être enregistrée à la place du projet dont elle est copiée.',
  what_currentProject: 'le projet actuel',
  what_version: 'la version {{id}}',
  what_datasetSummary: 'un résumé de jeu de données',
  what_checkpointMetrics: 'les mesures d’un point de sauvegarde',
  what_runTraining: 'les réglages d’entraînement de l’entraînement {{runId}}',
  what_runGraph: 'le graphe de l’entraînement {{runId}}',
  what_evaluationLabels: 'les étiquettes d’une évaluation',
  what_confusion: 'une matrice de confusion',
  what_exportDetails: 'les détails d’un export',
  storedMissing: 'Le fichier de projet est endommagé : il y manque $t(store:what_{{what}}).',
  storedTooLarge: 'Le fichier de projet contient une valeur trop grosse pour Neuroblocks ($t(store:what_{{what}})).',
  storedUnreadable: 'Le fichier de projet est endommagé : impossible de lire $t(store:what_{{what}}).',
  storedProjectUnreadable: 'Le fichier de projet est endommagé : impossible de lire $t(store:what_{{what}}) ({{reason, problem}})',
  exists: '{{path}} existe déjà. Choisissez un autre nom, ou ouvrez-le plutôt.',

  status_running: 'en cours',
  status_completed: 'terminé',
  status_stopped: 'arrêté',
  status_earlyStopped: 'arrêté tôt',
  status_diverged: 'divergé',
  status_interrupted: 'interrompu',
  status_failed: 'en échec',
  checkpointOf_best: 'de la meilleure époque',
  checkpointOf_last: 'de la dernière époque',
  runAction_recordEpoch: 'd’enregistrer une époque de',
  runAction_saveCheckpoint: 'd’enregistrer les poids de',
  runAction_mark: 'de marquer comme $t(store:status_{{newStatus}})',
  datasetTooLarge:
    'Le jeu de données est trop gros pour être gardé dans le projet ({{bytes}} octets, au plus {{max}}) ; gardez-le plutôt comme fichier à côté du projet.',
  embeddedTooLarge: 'Le jeu de données intégré est plus gros que ce que Neuroblocks accepte.',
  runNotFound: 'L’entraînement {{runId}} n’existe pas dans ce projet.',
  notRunning: 'Impossible $t(store:runAction_{{action}}) l’entraînement {{runId}} : il est $t(store:status_{{status}}), et non en cours.',
  epochOrder: 'L’entraînement {{runId}} attend maintenant l’époque {{expected}}, et non la {{epoch}}.',
  weightsTooLarge: 'Les poids du modèle ({{bytes}} octets) sont plus gros que ce qu’un fichier de projet accepte ({{max}} octets).',
  checkpointAs: 'Des poids doivent être enregistrés comme les derniers, les meilleurs, ou les deux.',
  noCheckpoint: 'L’entraînement {{runId}} n’a pas de poids $t(store:checkpointOf_{{which}}).',
  checkpointTooLarge:
    'Les poids $t(store:checkpointOf_{{which}}) de l’entraînement {{runId}} sont plus gros que ce que Neuroblocks accepte.',
  checkpointDamaged:
    'Les poids $t(store:checkpointOf_{{which}}) de l’entraînement {{runId}} sont endommagés (ils ne correspondent pas à leur somme de contrôle).',
  optimizerDamaged:
    'Les poids $t(store:checkpointOf_{{which}}) de l’entraînement {{runId}} sont endommagés (l’état de l’optimiseur ne correspond pas à sa somme de contrôle).',
  notAStatus: '« {{status}} » n’est pas un état d’entraînement ({{statuses, join}}).',
  setRunning: 'Un entraînement passe en cours en le lançant ou en le reprenant.',
  confusionShape: 'Une matrice de confusion doit être une liste de lignes de nombres.',
  notResumable: 'L’entraînement {{runId}} est $t(store:status_{{status}}) ; seul un entraînement interrompu ou arrêté peut être repris.',
  resumeNoCheckpoint:
    'L’entraînement {{runId}} ne peut pas être repris : il n’a pas de poids enregistrés (il s’est arrêté avant le premier enregistrement).',
  resumeFinished:
    'L’entraînement {{runId}} est $t(store:status_{{status}}) : il est allé jusqu’au bout, il n’y a donc rien à reprendre. Lancez plutôt un nouvel entraînement.',
  resumeIncomplete:
    'L’entraînement {{runId}} ne peut pas être repris : ses derniers poids sont de l’époque {{epoch}}, mais les mesures des époques jusqu’à la {{upTo}} sont incomplètes. Lancez plutôt un nouvel entraînement.',
  resumeIncomplete_none:
    'L’entraînement {{runId}} ne peut pas être repris : ses derniers poids sont de l’époque {{epoch}}, mais les mesures des époques précédentes sont incomplètes. Lancez plutôt un nouvel entraînement.',
  booleanWeight: 'Le poids enregistré « {{name}} » est booléen : l’entraînement ne peut pas le charger.',

  unsupportedType: 'Le poids « {{name}} » a le type « {{dtype}} », qui n’est pas pris en charge.',
  valueCount: 'Le poids « {{name}} » a {{count}} valeurs, mais sa forme [{{shape}}] en demande {{expected}}.',
  damage_notBlob: 'ce ne sont pas des poids',
  damage_format: 'format de poids inconnu {{format}}',
  damage_headerPastEnd: 'l’en-tête dépasse la fin des données',
  damage_header: 'en-tête illisible',
  damage_notList: 'l’en-tête n’est pas une liste de tenseurs',
  damage_malformed: 'le tenseur {{index}} est mal formé',
  damage_shape: 'le tenseur « {{name}} » a une forme invalide',
  damage_size: 'le tenseur « {{name}} » a une taille ou une position invalide',
  damage_pastEnd: 'le tenseur « {{name}} » dépasse la fin des données',
  weightsDamaged: 'Les poids enregistrés sont endommagés ($t(store:damage_{{damage}})).',
  pretrainedName: 'Le poids préentraîné « {{name}} » ne nomme pas son bloc (forme attendue : "bloc/poids", par exemple "conv1/kernel").',
  pretrainedTooLarge:
    'Le poids préentraîné {{name}} ({{bytes}} octets) est plus gros que ce qu’un fichier de projet accepte ({{max}} octets).',
  pretrainedTooLargeToRead: 'Le poids préentraîné {{name}} est plus gros que ce que Neuroblocks accepte.',
  pretrainedDamaged:
    'Le poids préentraîné {{name}} de ce projet est endommagé (il ne correspond pas à sa somme de contrôle). Ajoutez la base à nouveau.',

  kind_fifo: 'un tube nommé',
  kind_device: 'un périphérique',
  kind_socket: 'une socket',
  kind_other: 'pas un fichier ordinaire',
  openFolder: 'Impossible d’ouvrir {{path}} : c’est un dossier, pas un fichier.',
  openNotRegular:
    'Impossible d’ouvrir {{path}} : c’est $t(store:kind_{{kind}}), pas un fichier. Choisissez un fichier de projet enregistré par Neuroblocks.',
  openTooLarge: 'Impossible d’ouvrir {{path}} : il est plus gros qu’un fichier de projet ne peut l’être (au plus {{max, decimal}} Mo).',
  openTooLarge_size:
    'Impossible d’ouvrir {{path}} : avec {{size, decimal}} Mo, il est plus gros qu’un fichier de projet ne peut l’être (au plus {{max, decimal}} Mo).',
  openNotFound: 'Impossible d’ouvrir {{path}} : le fichier n’existe pas.',
  openDenied: 'Impossible d’ouvrir {{path}} : accès refusé.',
  openFailed: 'Impossible d’ouvrir {{path}} : {{detail}}.',

  runId: 'Un entraînement se désigne par son numéro (1, 2, 3…), pas par {{value}}.',
  compareTwo: 'Choisissez exactement deux entraînements à comparer.',
  compareDifferent: 'Choisissez deux entraînements différents à comparer.',
  runGone: 'L’entraînement {{runId}} n’est plus dans ce projet (il a peut-être déjà été supprimé).',
  deleteRunning:
    'L’entraînement {{runId}} est en cours, il ne peut donc pas être supprimé. Arrêtez-le d’abord (onglet Entraîner, Arrêter), puis supprimez-le.',
  targetMissing:
    '{{name}} est introuvable ({{path}}) : il a peut-être été déplacé ou supprimé. Choisissez un autre fichier de projet, ou un nouveau projet.',
  targetReadOnly:
    '{{name}} est en lecture seule : la base ne peut donc pas y être enregistrée ; il est resté tel quel. Rendez le fichier modifiable, ou choisissez un nouveau projet.',
  baseNeedsFile:
    'Une base pré-entraînée ne garde ses poids que dans un fichier de projet {{extension}}, que cette application ne peut pas écrire.',
  baseNeedsFile_target:
    'Une base pré-entraînée ne garde ses poids que dans un fichier de projet {{extension}} ; {{name}} garderait le graphe sans eux. Choisissez un projet {{extension}}, ou un nouveau projet.',
  baseRunMissing: 'L’entraînement {{runId}} n’est pas dans ce projet (il a peut-être été supprimé).',
  baseRunTraining: 'L’entraînement {{runId}} est encore en cours : attendez qu’il se termine, puis utilisez-le comme base.',
  baseNoWeights:
    'L’entraînement {{runId}} n’a gardé aucun poids (il s’est arrêté avant la fin de sa première époque) : il ne peut donc pas servir de base pré-entraînée. Entraînez à nouveau le projet, ou choisissez un autre entraînement.',
  baseNoClassifier:
    'Le réseau de l’entraînement {{runId}} n’a pas de classifieur Dense avant lequel couper : choisissez le bloc où la base s’arrête (parmi {{choices, quoted}}).',
  baseNoBlock:
    'Le réseau de l’entraînement {{runId}} n’a pas de bloc « {{upTo}} » après lequel couper : choisissez parmi {{choices, quoted}}.',
  baseNoBlock_input:
    'Le réseau de l’entraînement {{runId}} n’a pas de bloc « {{upTo}} » après lequel couper (un Input ne peut pas terminer une base) : choisissez parmi {{choices, quoted}}.',
  baseShape:
    'La base issue de l’entraînement {{runId}} de {{project}} prend des entrées de forme {{shape, shape}}, mais le bloc Input « {{input}} » du nouveau projet a la forme {{targetShape, shape}}. Donnez à cet Input la forme {{shape, shape}} (avec des données de cette forme), ou choisissez un autre projet.',
  baseShape_named:
    'La base issue de l’entraînement {{runId}} de {{project}} prend des entrées de forme {{shape, shape}}, mais le bloc Input « {{input}} » de « {{target}} » a la forme {{targetShape, shape}}. Donnez à cet Input la forme {{shape, shape}} (avec des données de cette forme), ou choisissez un autre projet.',

  evaluationNotKept:
    'Cette évaluation n’a pas pu être gardée dans {{file}} ({{reason, problem}}) : elle sera donc recalculée la prochaine fois.',
  evaluationNotKept_error:
    'Cette évaluation n’a pas pu être gardée dans {{file}} : elle sera donc recalculée la prochaine fois. {{reason, problem}}',
  cannotCreate: 'Impossible de créer {{path}} : {{reason, problem}}. Choisissez un autre nom.',

  runInterrupted:
    'L’entraînement s’est arrêté de façon inattendue (l’application ou l’ordinateur s’est arrêté) ; les époques terminées sont conservées.',
  recordingStopped: 'Enregistrement arrêté : {{why, problem}}',
  recordedText: '{{text}}',
};
