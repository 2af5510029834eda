import type { Catalogue } from '../types';
import type { train as en } from '../en/train';

// Les problèmes et les avis de l’entraînement (core/train, le service d’entraînement), en français.
export const train: Catalogue<typeof en> = {
  backendLoadFailed: '{{package}} est installé mais n’a pas pu être chargé : {{why}}',
  backendBindingMissing:
    '{{package}} est installé mais sa partie native ({{file}}) est absente : elle n’a pas été compilée pour cet ordinateur (`npm rebuild {{package}}` la compile)',
  backendNotInstalled: '{{package}} n’est pas installé (dépendance facultative ; `npm install {{package}}` l’ajoute)',
  noCudaGpu: 'aucun GPU CUDA n’est visible (nvidia-smi est absent ou ne liste aucun GPU)',
  backendFailed: 'il n’a pas pu démarrer : {{why, cause}}',
  pageNoWebGpu: 'ce navigateur n’offre pas WebGPU (navigator.gpu est absent)',
  pageNoAdapter: 'WebGPU n’a trouvé aucun adaptateur GPU utilisable (le GPU est peut-être bloqué ou son pilote trop ancien)',
  pageWebGpuBackend: 'le backend WebGPU de TensorFlow.js n’a pas pu démarrer sur cet adaptateur',
  pageNoWebGl: 'WebGL n’est pas disponible pour les workers de cette page',
  pageLeftOut: 'laissé de côté pour cet entraînement',
  pageBrowserSaid: 'le navigateur a signalé : {{message}}',
  pageTrainingFailed: 'l’entraînement y a échoué : {{why, problem}}',
  pageWorkerNotStarted: 'le worker d’entraînement n’a pas pu démarrer : {{message}}',
  pageWorkerFailed: 'le worker d’entraînement a échoué : {{message}}',
  pageWorkerNotLoaded: 'le worker d’entraînement a échoué : il n’a pas pu être chargé',
  pageRunFailed: 'L’entraînement dans cette page a échoué : {{why}}',
  pageReportRefused: 'Le compte rendu d’entraînement de la page a été refusé : {{detail}}.',
  noPageRun: 'Aucun entraînement n’attend d’être fait dans cette page : lancez d’abord l’entraînement avec le moteur GPU.',
  noDataPart: 'Les données de l’entraînement viennent en {{parts}} parties, numérotées à partir de 0 : il n’y a pas de partie {{part}}.',
  pageClosed_one:
    'La page qui entraînait ce modèle sur son GPU a été fermée après {{count}} époque. Les époques terminées sont conservées ; poursuivez l’entraînement depuis l’onglet Entraînements.',
  pageClosed_other:
    'La page qui entraînait ce modèle sur son GPU a été fermée après {{count}} époques. Les époques terminées sont conservées ; poursuivez l’entraînement depuis l’onglet Entraînements.',
  stoppedBeforeStart: 'Arrêté par vous avant le début de l’entraînement.',
  webgpuRefused: 'le bloc « {{id}} » ({{type}}) ne s’entraînerait pas correctement sur WebGPU : {{why, problem}}',
  diverged:
    'L’entraînement a divergé : la perte est devenue infinie ou NaN pendant l’époque {{epoch}}, lot {{batch}}. Le modèle garde ses derniers poids finis. Baissez le taux d’apprentissage (il valait {{learningRate, decimal}} ; essayez {{lower, decimal}}) et relancez l’entraînement.',
  noTrainingSample:
    'La part de validation de {{split, decimal}} ne laisse aucun exemple pour l’entraînement : baissez-la ou utilisez plus de données.',
  checkpointMismatch_one:
    'Les poids enregistrés ne correspondent pas à ce modèle ({{count}} poids enregistré ; le modèle en compte {{modelWeights}}, ou de formes différentes) : ils viennent d’un autre graphe. Entraînez à nouveau le projet au lieu de reprendre cet entraînement.',
  checkpointMismatch_other:
    'Les poids enregistrés ne correspondent pas à ce modèle ({{count}} poids enregistrés ; le modèle en compte {{modelWeights}}, ou de formes différentes) : ils viennent d’un autre graphe. Entraînez à nouveau le projet au lieu de reprendre cet entraînement.',
  tensorsLeaked_one: '{{count}} tenseur n’a pas été libéré après l’entraînement.',
  tensorsLeaked_other: '{{count}} tenseurs n’ont pas été libérés après l’entraînement.',
  stoppedComputingBase: 'Arrêté par vous pendant le calcul de la base gelée, avant l’époque {{epoch}}.',
  optimizerRestarted:
    'Repris depuis les poids de l’époque {{epoch}}. L’état de l’optimiseur n’avait pas été enregistré (un fichier de projet d’une version plus ancienne) : l’optimiseur repart donc de zéro, et le momentum et les moyennes d’Adam se reconstruisent.',
  workerFailed: 'Le processus d’entraînement a échoué : {{why, cause}}',
  workerExited:
    'Le processus d’entraînement s’est arrêté de façon inattendue (code de sortie {{exitCode}}). Relancez l’entraînement ; si cela se reproduit, réduisez la taille des lots ou du modèle : la mémoire a pu manquer.',
  notDeterministicAugmentation: 'le bloc d’augmentation {{type}} « {{id}} » vient avant eux : il modifie chaque image à chaque époque',
  notDeterministicDropout: 'le bloc {{type}} « {{id}} » vient avant eux : il supprime d’autres valeurs à chaque pas',
  notDeterministicTrainable: 'le bloc entraînable {{type}} « {{id}} » vient avant eux : ses sorties changent à mesure qu’il apprend',
  notDeterministicBefore: 'un bloc avant {{type}} « {{id}} » change d’un pas à l’autre',
  allFrozen: 'tous les blocs jusqu’à la sortie sont gelés, rien ne s’entraînerait : activez `trainable` sur les blocs à entraîner',
  frozenEveryStep: 'Les blocs gelés sont recalculés à chaque pas : {{why, problem}}.',
  frozenBaseOff_one:
    'La base gelée ({{count}} bloc) est recalculée à chaque pas : son calcul unique a été désactivé pour cet entraînement.',
  frozenBaseOff_other:
    'La base gelée ({{count}} blocs) est recalculée à chaque pas : son calcul unique a été désactivé pour cet entraînement.',
  frozenBaseOffGroup_one:
    'La base gelée « {{group}} » ({{count}} bloc) est recalculée à chaque pas : son calcul unique a été désactivé pour cet entraînement.',
  frozenBaseOffGroup_other:
    'La base gelée « {{group}} » ({{count}} blocs) est recalculée à chaque pas : son calcul unique a été désactivé pour cet entraînement.',
  frozenBaseTooLarge_one:
    'La base gelée ({{count}} bloc) est recalculée à chaque pas : ses sorties pour les {{samples, number}} images d’entraînement et de validation prendraient {{need, bytes}}, plus que les {{room, bytes}} qui leur sont réservés. Moins d’images, ou une base dont la sortie est plus petite (après un bloc de pooling), permettraient de ne la calculer qu’une fois.',
  frozenBaseTooLarge_other:
    'La base gelée ({{count}} blocs) est recalculée à chaque pas : ses sorties pour les {{samples, number}} images d’entraînement et de validation prendraient {{need, bytes}}, plus que les {{room, bytes}} qui leur sont réservés. Moins d’images, ou une base dont la sortie est plus petite (après un bloc de pooling), permettraient de ne la calculer qu’une fois.',
  frozenBaseTooLargeGroup_one:
    'La base gelée « {{group}} » ({{count}} bloc) est recalculée à chaque pas : ses sorties pour les {{samples, number}} images d’entraînement et de validation prendraient {{need, bytes}}, plus que les {{room, bytes}} qui leur sont réservés. Moins d’images, ou une base dont la sortie est plus petite (après un bloc de pooling), permettraient de ne la calculer qu’une fois.',
  frozenBaseTooLargeGroup_other:
    'La base gelée « {{group}} » ({{count}} blocs) est recalculée à chaque pas : ses sorties pour les {{samples, number}} images d’entraînement et de validation prendraient {{need, bytes}}, plus que les {{room, bytes}} qui leur sont réservés. Moins d’images, ou une base dont la sortie est plus petite (après un bloc de pooling), permettraient de ne la calculer qu’une fois.',
  frozenBaseCached_one: 'La base gelée ({{count}} bloc) est calculée une seule fois par image ; seule la tête s’entraîne.',
  frozenBaseCached_other: 'La base gelée ({{count}} blocs) est calculée une seule fois par image ; seule la tête s’entraîne.',
  frozenBaseCachedGroup_one:
    'La base gelée « {{group}} » ({{count}} bloc) est calculée une seule fois par image ; seule la tête s’entraîne.',
  frozenBaseCachedGroup_other:
    'La base gelée « {{group}} » ({{count}} blocs) est calculée une seule fois par image ; seule la tête s’entraîne.',
  noPythonAt: 'Aucun Python à l’emplacement {{python}} : indiquez le chemin de Python dans les réglages ou dans NEUROBLOCKS_PYTHON.',
  pythonSilent: '{{python}} n’a pas répondu en {{seconds, decimal}} s quand on lui a demandé torch.',
  pythonUnusable: '{{python}} n’est pas un Python utilisable par Neuroblocks (il a répondu : {{said}}).',
  pythonNoTorch:
    '{{python}} (Python {{version}}) n’a pas torch : installez PyTorch pour lui (pip install torch) ou choisissez un autre Python.',
  torchTooOld: '{{python}} a torch {{torch}}, trop ancien : le moteur PyTorch demande torch {{needed}} ou plus récent.',
  pythonNoNumpy: '{{python}} a torch mais pas numpy, dont le moteur PyTorch a besoin : installez numpy pour lui.',
  noPython: 'Aucun Python trouvé : installez Python 3 avec PyTorch, ou indiquez son chemin dans les réglages ou dans NEUROBLOCKS_PYTHON.',
  pytorchUnavailable:
    'Le moteur PyTorch n’est pas disponible : {{why, problem}} Entraînez avec le moteur TensorFlow.js, ou installez PyTorch.',
  pytorchNoPythonWithTorch:
    'Le moteur PyTorch n’est pas disponible : aucun Python avec torch n’a été trouvé. Entraînez avec le moteur TensorFlow.js, ou installez PyTorch.',
  pytorchFailed: 'Le moteur PyTorch a échoué : {{why}}',
  pytorchFailedWith: 'Le moteur PyTorch a échoué : {{why, problem}}',
  pytorchCannotStart: 'Le moteur PyTorch a échoué : {{python}} n’a pas pu être lancé ({{said}}).',
  pytorchRankExited: 'Le moteur PyTorch a échoué : le processus {{rank}} sur {{nproc}} s’est terminé avec le code {{code}}.',
  pytorchRankExitedSaid: 'Le moteur PyTorch a échoué : le processus {{rank}} sur {{nproc}} s’est terminé avec le code {{code}} : {{said}}',
  pytorchRankSignal: 'Le moteur PyTorch a échoué : le processus {{rank}} sur {{nproc}} a été arrêté par le signal {{signal}}.',
  pytorchRankSignalSaid:
    'Le moteur PyTorch a échoué : le processus {{rank}} sur {{nproc}} a été arrêté par le signal {{signal}} : {{said}}',
  pytorchNoStop: 'Le moteur PyTorch ne s’est pas arrêté dans les {{seconds, decimal}} s qui ont suivi la demande et a été interrompu.',
  pytorchExited: 'Le moteur PyTorch s’est terminé avec le code {{code}} avant la fin de l’entraînement.',
  pytorchExitedSaid: 'Le moteur PyTorch s’est terminé avec le code {{code}} avant la fin de l’entraînement : {{said}}',
  pytorchSignal: 'Le moteur PyTorch a été arrêté par le signal {{signal}} avant la fin de l’entraînement.',
  pytorchSignalSaid: 'Le moteur PyTorch a été arrêté par le signal {{signal}} avant la fin de l’entraînement : {{said}}',
  pytorchKilled:
    'Le moteur PyTorch a été arrêté par le signal {{signal}} (la mémoire a pu manquer : essayez des lots ou un modèle plus petits) avant la fin de l’entraînement.',
  pytorchKilledSaid:
    'Le moteur PyTorch a été arrêté par le signal {{signal}} (la mémoire a pu manquer : essayez des lots ou un modèle plus petits) avant la fin de l’entraînement : {{said}}',
  pytorchGarbage:
    'Le moteur PyTorch a écrit quelque chose qui n’est pas un de ses événements : « {{line}} ». Vérifiez que {{python}} exécute le moteur sans modification (aucun sitecustomize ni script de démarrage qui écrive sur la sortie).',
  weightNotInModule:
    'Le poids « {{name}} » n’a pas de place dans le module PyTorch : ce graphe ne peut pas s’entraîner avec le moteur PyTorch. Entraînez-le avec le moteur TensorFlow.js.',
  jobFolderTaken: '{{folder}} existe déjà et n’est pas un dossier vide : donnez à --out un dossier nouveau ou vide pour la tâche.',
  notAJobNoManifest:
    '{{folder}} n’est pas un dossier de tâche Neuroblocks : il n’a pas de job.json. Donnez le dossier écrit par `neuroblocks export FICHIER --format job`.',
  notAJobUnreadable:
    '{{folder}} n’est pas un dossier de tâche Neuroblocks : son job.json est illisible. Donnez le dossier écrit par `neuroblocks export FICHIER --format job`.',
  notAJobManifest: '{{file}} n’est pas le manifeste d’une tâche Neuroblocks (format {{format}}, version {{version}}).',
  jobNoResult:
    '{{folder}} n’a pas encore de résultat (result/events.jsonl manque) : lancez d’abord `python3 train.py` dans ce dossier, puis importez-le.',
  jobBadLine: 'La ligne {{line}} de {{file}} n’est pas un événement du moteur ; le résultat est endommagé. Relancez la tâche.',
  jobNotStarted:
    '{{file}} ne commence pas par le démarrage du moteur : la tâche n’a pas pu s’entraîner. Relancez-la et lisez ce qu’affiche train.py.',
  notWhole: '{{what, problem}} doit être un nombre entier de {{min}} à {{max}} (reçu : {{got}}).',
  whatProcesses: 'Le nombre de processus d’entraînement',
  whatEpochs: 'Le nombre d’époques',
  whatSeed: 'La graine',
  whatSize: 'La taille du jeu de données',
  whatMistakes: 'Le nombre d’erreurs',
  unknownEngine:
    'Le moteur d’entraînement doit être « tfjs » (TensorFlow.js, intégré), « page » (le GPU, dans la page de l’application) ou « pytorch » (reçu : {{got}}).',
  badDevice: 'Le périphérique doit être auto, cpu, mps, cuda ou cuda:N pour un seul GPU (reçu : {{got}}).',
  deviceNeedsPytorch:
    'Un périphérique et plusieurs processus ne se choisissent que pour le moteur PyTorch ; le moteur TensorFlow.js choisit lui-même son calcul. Choisissez le moteur PyTorch, ou laissez le périphérique sur auto et un seul processus.',
  alreadyTraining: 'Un modèle est déjà en cours d’entraînement. Arrêtez-le ou attendez qu’il se termine avant d’en lancer un autre.',
  alreadyTrainingContinue:
    'Un modèle est déjà en cours d’entraînement. Arrêtez-le ou attendez qu’il se termine avant de poursuivre un autre entraînement.',
  cannotContinueReadOnly: 'L’entraînement {{run}} ne peut pas être poursuivi : impossible d’écrire dans {{file}}.',
  cannotContinueReadOnlyWhy: 'L’entraînement {{run}} ne peut pas être poursuivi : impossible d’écrire dans {{file}} ({{why, cause}}).',
  notContinued: 'Il n’a pas pu être poursuivi : {{why, problem}}',
  runTrainingNow: 'L’entraînement {{run}} est en cours ; il pourra être poursuivi une fois arrêté.',
  notTraining: 'Aucun modèle n’est en cours d’entraînement.',
  modelReplaced: 'Un autre modèle a été choisi pendant le chargement de cet entraînement.',
  noTrainedModel: 'Aucun modèle n’a encore fini son entraînement : entraînez-le d’abord, puis essayez-le.',
  whichCell: 'Indiquez la case de la matrice de confusion à afficher.',
  notRecorded: 'L’entraînement n’a pas pu être enregistré dans {{file}} : {{why, cause}}',
  fixErrorsFirst_one: 'Le modèle ne peut pas être entraîné tant que son erreur n’est pas corrigée : {{first, problem}}',
  fixErrorsFirst_other: 'Le modèle ne peut pas être entraîné tant que ses {{count}} erreurs ne sont pas corrigées : {{first, problem}}',
  noDataset: 'Choisissez un jeu de données pour le projet avant de l’entraîner.',
  pretrainedNoLongerFit:
    'Certains poids préentraînés ne correspondent plus à leur bloc, dont les paramètres ont changé depuis : {{weights}}. Ceux-ci partent de valeurs aléatoires ; remettez les paramètres, ou ajoutez la base à nouveau.',
  completed_one: 'Entraîné pendant {{count}} époque.',
  completed_other: 'Entraîné pendant {{count}} époques.',
  stopped_one: 'Arrêté par vous après {{count}} époque complète.',
  stopped_other: 'Arrêté par vous après {{count}} époques complètes.',
  stoppedInFirstEpoch: 'Arrêté par vous pendant la première époque, avant qu’elle soit complète.',
  earlyStopped_one: 'Arrêté tôt après l’époque {{epoch}} : $t(train:monitor_{{monitor}}) ne progressait plus depuis {{count}} époque.',
  earlyStopped_other: 'Arrêté tôt après l’époque {{epoch}} : $t(train:monitor_{{monitor}}) ne progressait plus depuis {{count}} époques.',
  earlyStoppedRestored_one:
    'Arrêté tôt après l’époque {{epoch}} : $t(train:monitor_{{monitor}}) ne progressait plus depuis {{count}} époque, donc le modèle garde ses poids de l’époque {{restored}}, la meilleure.',
  earlyStoppedRestored_other:
    'Arrêté tôt après l’époque {{epoch}} : $t(train:monitor_{{monitor}}) ne progressait plus depuis {{count}} époques, donc le modèle garde ses poids de l’époque {{restored}}, la meilleure.',
  monitor_loss: 'la perte d’entraînement',
  monitor_valLoss: 'la perte de validation',
  monitor_accuracy: 'l’exactitude d’entraînement',
  monitor_valAccuracy: 'l’exactitude de validation',
  resumedWithState: '{{final, problem}} Repris depuis les poids de l’époque {{epoch}}, avec l’état de l’optimiseur.',
  resumedFresh: '{{final, problem}} Repris depuis les poids de l’époque {{epoch}} ; l’optimiseur est reparti d’un état neuf.',
  pageGpuStopped: 'L’entraînement sur le GPU de cet ordinateur s’est arrêté : {{reasons, inline}}',
  plateau_one: '{{monitor}} ne s’est pas amélioré pendant {{count}} époque',
  plateau_other: '{{monitor}} ne s’est pas amélioré pendant {{count}} époques',
  jobFailed: 'La tâche a échoué : {{said}}',
  jobFailedOn: 'La tâche a échoué sur {{device}} : {{said}}',
  jobUnfinished_one:
    'La tâche s’est terminée avant son dernier événement (arrêtée de force, ou encore en cours) après {{count}} époque ; ses derniers poids enregistrés sont conservés.',
  jobUnfinished_other:
    'La tâche s’est terminée avant son dernier événement (arrêtée de force, ou encore en cours) après {{count}} époques ; ses derniers poids enregistrés sont conservés.',
  jobCompleted_one: 'Entraîné pendant {{count}} époque dans un dossier de tâche ({{device}}).',
  jobCompleted_other: 'Entraîné pendant {{count}} époques dans un dossier de tâche ({{device}}).',
  jobEarlyStopped_one:
    'Arrêté tôt après l’époque {{epoch}} dans un dossier de tâche ({{device}}) : {{monitor}} ne s’est pas amélioré pendant {{count}} époque.',
  jobEarlyStopped_other:
    'Arrêté tôt après l’époque {{epoch}} dans un dossier de tâche ({{device}}) : {{monitor}} ne s’est pas amélioré pendant {{count}} époques.',
  jobDiverged:
    'Divergence dans un dossier de tâche ({{device}}) : la perte est devenue infinie ou NaN. Baissez le taux d’apprentissage et entraînez à nouveau.',
  jobStopped: 'Arrêté dans un dossier de tâche ({{device}}).',
  jobEnded: 'Terminé à l’état {{state}} dans un dossier de tâche ({{device}}).',
};
