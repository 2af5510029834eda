import type { Catalogue } from '../types';
import type { data as en } from '../en/data';

// Les problèmes et avertissements des jeux de données (core/data, l’import des jeux de données), en français.
export const data: Catalogue<typeof en> = {
  // Pourquoi un fichier ou un dossier ne peut pas être lu.
  fsMissing: 'il n’existe pas',
  fsFolder: 'c’est un dossier, pas un fichier',
  fsFile: 'c’est un fichier, pas un dossier',
  fsDenied: 'accès refusé ; vérifiez que vous avez le droit de le lire',
  fsOther: '{{message}}',
  fileUnreadable: 'Impossible de lire {{file}} : {{reason, problem}}.',

  // Ce que l’aperçu d’un jeu de données et un entraînement en disent.
  atLine: 'ligne {{line}}',
  atCell: 'ligne {{line}}, colonne « {{column}} »',
  skippedRows_one:
    '{{count}} ligne de {{file}} a été ignorée : {{items, skipped}}. L’entraînement utilise les autres lignes ; corrigez le fichier et chargez-le à nouveau pour les utiliser toutes.',
  skippedRows_other:
    '{{count}} lignes de {{file}} ont été ignorées : {{items, skipped}}. L’entraînement utilise les autres lignes ; corrigez le fichier et chargez-le à nouveau pour les utiliser toutes.',
  skippedFiles_one: '{{count}} fichier a été ignoré : {{items, skipped}}.',
  skippedFiles_other: '{{count}} fichiers ont été ignorés : {{items, skipped}}.',
  noSampleOfClass: 'Les données d’entraînement n’ont aucun exemple de la classe {{classes, names}} : le modèle ne peut pas l’apprendre.',
  imbalanced:
    'Les classes sont très déséquilibrées : « {{big}} » a {{largest}} exemples, mais « {{small}} » seulement {{smallest}}. L’exactitude peut sembler bonne alors que les petites classes ne sont jamais reconnues ; ajoutez des exemples des petites classes ou regardez la matrice de confusion.',
  notUtf8:
    '{{name}} n’est pas du texte UTF-8 : il a été lu en Windows-1252 (Latin-1), comme l’enregistrent les tableurs sous Windows. Si des lettres accentuées sont fausses, enregistrez-le à nouveau en « CSV UTF-8 ».',

  // Charger le jeu de données d’un projet.
  noDataset:
    'Le projet n’a pas de jeu de données : choisissez-en un (MNIST, Fashion-MNIST, un jeu en 2D, un dossier d’images, un fichier CSV, des fichiers IDX ou CIFAR) avant l’entraînement.',
  folderNoInput: 'Les images d’un dossier sont redimensionnées à la forme du bloc Input, mais le modèle n’a pas de bloc Input.',
  filterNotBuiltin:
    'Le paramètre « {{which}} » du jeu de données ne s’applique qu’à MNIST et Fashion-MNIST, pas au jeu généré « {{name}} » : retirez-le, ou utilisez sa taille (« size »).',

  // Fichiers CSV.
  csvHeaderTooLong:
    'La première ligne du fichier CSV {{name}} (sa ligne d’en-tête, qui nomme les colonnes) dépasse 64 Kio, le maximum que Neuroblocks lit (au plus {{max, number}} colonnes). Vérifiez que le fichier est un tableau CSV avec une ligne par exemple et un en-tête court.',
  csvTooManyColumns:
    'Le fichier CSV {{name}} a {{columns, number}} colonnes ; Neuroblocks en lit au plus {{max, number}}. Gardez moins de colonnes (une par valeur d’entrée, plus l’étiquette).',
  csvNul:
    'Le fichier CSV {{name}} contient des octets NUL : ce n’est pas du texte, ou c’est du texte UTF-16 sans marque d’ordre des octets. Enregistrez-le à nouveau en « CSV UTF-8 ».',
  csvUnreadable: 'Impossible de lire le fichier CSV {{path}} : {{reason, problem}}.',
  csvWrongName:
    '{{name}} n’est pas un fichier CSV : un jeu de données CSV est un tableau de valeurs dans un fichier dont le nom se termine par .csv. Choisissez un tel fichier, ou exportez votre tableau en CSV.',
  csvEmpty: 'Le fichier CSV {{name}} est vide : il lui faut une ligne d’en-tête qui nomme les colonnes, puis une ligne par exemple.',
  csvNoRows: 'Le fichier CSV {{name}} doit avoir une ligne d’en-tête et au moins une ligne de données.',
  csvNoLabelColumn:
    'Le fichier CSV {{name}} n’a pas de colonne « {{label}} » à utiliser comme étiquette. Ses colonnes sont : {{columns, join}}.',
  csvOnlyLabel: 'Le fichier CSV {{name}} n’a que la colonne d’étiquette « {{label}} » : ajoutez au moins une colonne de nombres.',
  rowCells_one: 'a {{count}} cellule, mais l’en-tête a {{columns}} colonnes',
  rowCells_other: 'a {{count}} cellules, mais l’en-tête a {{columns}} colonnes',
  cellEmpty: 'la cellule est vide, ce n’est pas un nombre',
  cellNotNumber: '« {{value}} » n’est pas un nombre',
  labelEmpty: 'l’étiquette est vide',
  firstRowCells_one: 'La ligne {{line}} de {{name}} a {{count}} cellule, mais l’en-tête a {{columns}} colonnes.',
  firstRowCells_other: 'La ligne {{line}} de {{name}} a {{count}} cellules, mais l’en-tête a {{columns}} colonnes.',
  firstCellEmpty: 'Ligne {{line}}, colonne {{column}} (« {{header}} ») de {{name}} : la cellule est vide, ce n’est pas un nombre.',
  firstCellNotNumber:
    'Ligne {{line}}, colonne {{column}} (« {{header}} ») de {{name}} : la cellule vaut « {{value}} », ce n’est pas un nombre.',
  firstLabelEmpty: 'La ligne {{line}} de {{name}} a une étiquette vide dans la colonne « {{label}} ».',
  noUsableRow:
    'Aucune ligne de {{name}} n’est utilisable : {{why, problem}} Toutes les colonnes sauf l’étiquette « {{label}} » doivent contenir des nombres : corrigez le fichier et chargez-le à nouveau.',
  noUsableRowText:
    'Aucune ligne de {{name}} n’est utilisable : {{why, problem}} La colonne « {{column}} » ne contient de nombre dans aucune ligne : si c’est la classe de chaque ligne, choisissez-la comme colonne d’étiquette ; sinon, toutes les colonnes sauf l’étiquette « {{label}} » doivent contenir des nombres : corrigez le fichier et chargez-le à nouveau.',

  // Dossiers d’images.
  folderUnreadable: 'Impossible de lire le dossier d’images {{folder}} : {{reason, problem}}.',
  tooFewClasses:
    'Le dossier d’images {{folder}} doit contenir un sous-dossier par classe (au moins deux), chacun avec ses images ; il en a {{count}}.',
  notImage: 'pas une image PNG, JPEG ou WebP',
  imageTooLarge: '{{width}}×{{height}} pixels, plus que les 64 mégapixels permis par image : réduisez-la',
  channels: 'décodée avec {{got}} canaux au lieu de {{want}}',
  undecodable: 'illisible ({{detail}})',
  undecodableBecause: 'illisible ({{why, problem}})',
  folderShape:
    'Un dossier d’images demande un bloc Input de forme [hauteur, largeur, 1] (niveaux de gris) ou [hauteur, largeur, 3] (couleur RVB), pas [{{shape, join}}].',
  emptyClasses_one: 'Le dossier de classe {{classes, names}} de {{folder}} ne contient aucune image lisible.',
  emptyClasses_other: 'Les dossiers de classe {{classes, names}} de {{folder}} ne contiennent aucune image lisible.',
  emptyClassesFix_one:
    'Le dossier de classe {{classes, names}} de {{folder}} ne contient aucune image lisible : ajoutez-y des images ou supprimez-le.',
  emptyClassesFix_other:
    'Les dossiers de classe {{classes, names}} de {{folder}} ne contiennent aucune image lisible : ajoutez-y des images ou supprimez-les.',

  // Fichiers IDX.
  idxNotIdx:
    '{{file}} n’est pas un fichier IDX : il doit commencer par les octets 00 00 (octets 0–1) mais commence par {{head}}. S’il finit par .gz il est peut-être abîmé ; téléchargez-le à nouveau.',
  idxNotIdx_empty:
    '{{file}} n’est pas un fichier IDX : il doit commencer par les octets 00 00 (octets 0–1) mais commence par rien (le fichier est vide). S’il finit par .gz il est peut-être abîmé ; téléchargez-le à nouveau.',
  idxType:
    '{{file}} contient des valeurs de type {{type}} (octet 2) ; les images et les étiquettes doivent être des octets non signés (0x08).',
  idxTypeUnknown:
    '{{file}} contient un type d’éléments inconnu 0x{{hex}} (octet 2) ; les images et les étiquettes doivent être des octets non signés (0x08).',
  idxRank:
    '{{file}} déclare {{rank}} dimensions à l’octet 3 ; un fichier IDX d’étiquettes en a 1, d’images 3 (nombre, lignes, colonnes) ou 4 (avec les canaux).',
  idxHeaderCut: '{{file}} est tronqué à l’octet {{at, number}} : son en-tête déclare {{rank}} dimensions et demande {{needs}} octets.',
  idxCut:
    '{{file}} est tronqué : son en-tête annonce {{dims}} = {{elements, number}} valeurs, {{expected, number}} octets en tout, mais le fichier s’arrête à l’octet {{at, number}} (dans l’élément {{item, number}}). Téléchargez-le ou copiez-le à nouveau.',
  idxTooLong:
    '{{file}} ne correspond pas à son en-tête : {{dims}} valeurs s’arrêtent à l’octet {{expected, number}}, mais le fichier continue jusqu’à l’octet {{at, number}}. C’est peut-être un autre fichier renommé, ou son en-tête est faux.',
  idxNotImages: '{{file}} contient des étiquettes ({{dims}}), pas des images : choisissez le fichier d’images (…-images-idx3-ubyte).',
  idxNotImages_table: '{{file}} contient un tableau ({{dims}}), pas des images : choisissez le fichier d’images (…-images-idx3-ubyte).',
  idxLabelsRank: '{{file}} a {{rank}} dimensions ({{dims}}) ; un fichier d’étiquettes en a une (…-labels-idx1-ubyte).',
  idxCountMismatch:
    '{{images}} contient {{count, number}} images mais {{labels}} {{labelCount, number}} étiquettes : ils doivent venir du même jeu.',
  gzipDamaged: '{{file}} est un fichier gzip abîmé ({{detail}}) ; téléchargez-le à nouveau.',
  idxFolderUnreadable: 'Impossible de lire le dossier IDX {{folder}} : {{reason, problem}}.',
  idxFolderFiles:
    'Le dossier {{folder}} doit contenir un fichier d’images d’entraînement et son fichier d’étiquettes au format IDX (par ex. train-images-idx3-ubyte et train-labels-idx1-ubyte, éventuellement en .gz), et peut contenir la paire de test (t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) ; trouvés : {{found, join}}.',
  idxFolderFiles_none:
    'Le dossier {{folder}} doit contenir un fichier d’images d’entraînement et son fichier d’étiquettes au format IDX (par ex. train-images-idx3-ubyte et train-labels-idx1-ubyte, éventuellement en .gz), et peut contenir la paire de test (t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte) ; trouvés : aucun fichier IDX.',
  idxTestShape:
    '{{test}} contient des images {{testShape}} mais {{train}} des images {{trainShape}} : les fichiers de test et d’entraînement doivent venir du même jeu.',
  idxFolderSize:
    'Les fichiers IDX de {{folder}} contiennent {{available, number}} images d’entraînement ; réglez la taille du jeu de données sur {{available}} au plus.',

  // MNIST et Fashion-MNIST.
  classOutOfRange:
    '{{title}} a les classes 0 à {{last}} ; le paramètre « classes » du jeu de données nomme {{class}}. Gardez seulement des nombres de 0 à {{last}}.',
  classTwice: 'Le paramètre « classes » du jeu de données nomme la classe {{class}} deux fois ; nommez chaque classe une seule fois.',
  builtinSize:
    '{{title}} a {{available, number}} images d’entraînement (ses {{test, number}} images de test sont gardées pour le test) ; réglez la taille du jeu de données sur {{available}} au plus.',
  builtinSize_filtered:
    '{{title}} a {{available, number}} images d’entraînement des classes et effectifs qu’il garde (ses {{test, number}} images de test sont gardées pour le test) ; réglez la taille du jeu de données sur {{available}} au plus.',
  gzipDamagedFile: '{{file}} est un fichier gzip abîmé ({{detail}}).',
  fashionSize:
    '{{file}} se décompresse en {{bytes, number}} octets au lieu des {{expected, number}} de Fashion-MNIST : ce n’est pas le fichier officiel.',
  fashionChecksum:
    '{{file}} n’a pas la somme de contrôle du fichier {{name}} de Fashion-MNIST (SHA-256 {{sum}} au lieu de {{expected}}) : il est abîmé ou c’est un autre fichier.',
  fashionOffline:
    'Fashion-MNIST n’est pas sur cet ordinateur et n’a pas pu être téléchargé depuis {{url}} ({{why}}). Récupérez ses quatre fichiers ({{names, join}}) sur {{home}} depuis un ordinateur relié à internet (ou installez le paquet Debian dataset-fashion-mnist), puis mettez-les dans {{folder}}, ou importez leur dossier comme jeu de données IDX (Données › Importer).',

  // Téléchargements.
  downloadFailed: 'Le téléchargement de {{url}} a échoué : le serveur a répondu {{status}} {{statusText}}.',
  downloadInterrupted:
    'Le téléchargement de {{url}} a été interrompu après {{received, number}} octets ({{why}}) ; rien n’a été gardé, et il reprendra depuis le début la prochaine fois.',
  downloadInterrupted_kept:
    'Le téléchargement de {{url}} a été interrompu après {{received, number}} octets ({{why}}) ; la partie reçue est gardée, et le téléchargement reprendra à partir de là la prochaine fois.',
  downloadInterruptedOf:
    'Le téléchargement de {{url}} a été interrompu après {{received, number}} octets sur {{total, number}} ({{why}}) ; rien n’a été gardé, et il reprendra depuis le début la prochaine fois.',
  downloadInterruptedOf_kept:
    'Le téléchargement de {{url}} a été interrompu après {{received, number}} octets sur {{total, number}} ({{why}}) ; la partie reçue est gardée, et le téléchargement reprendra à partir de là la prochaine fois.',
  downloadStopped:
    'Le téléchargement de {{url}} s’est arrêté à l’octet {{received, number}} sur {{total, number}} ; rien n’a été gardé, et il reprendra depuis le début la prochaine fois.',
  downloadStopped_kept:
    'Le téléchargement de {{url}} s’est arrêté à l’octet {{received, number}} sur {{total, number}} ; la partie reçue est gardée, et le téléchargement reprendra à partir de là la prochaine fois.',
  downloadChecksum:
    'Le fichier téléchargé depuis {{url}} n’est pas celui publié : sa somme de contrôle {{algorithm}} est {{actual}}, et non {{expected}}. Rien n’a été gardé ; réessayez plus tard, ou procurez-vous le fichier ailleurs et importez-le.',

  // Archives CIFAR et tar.
  cifarUnreadable: 'Impossible de lire les données CIFAR {{source}} : {{reason, problem}}.',
  cifarCut:
    '{{where}} est coupé ou n’est pas un lot CIFAR-{{classes}} : ses {{bytes, number}} octets ne font pas un nombre entier d’enregistrements de {{record, number}} octets ; l’enregistrement {{cut, number}} commence à l’octet {{start, number}} et est incomplet.',
  cifarLabel:
    '{{where}} a l’étiquette {{label}} à l’octet {{at, number}} ; les étiquettes de CIFAR-{{classes}} vont de 0 à {{last}}. Le fichier est abîmé ou n’est pas un lot CIFAR-{{classes}}.',
  cifarNoBatches:
    '{{source}} ne contient pas de lots CIFAR binaires : CIFAR-10 demande data_batch_1.bin … et test_batch.bin, CIFAR-100 train.bin et test.bin (trouvés : {{found, join}}). Prenez l’archive « binary version » (cifar-10-binary.tar.gz), pas celle pour Python ou MATLAB.',
  cifarNoBatches_none:
    '{{source}} ne contient pas de lots CIFAR binaires : CIFAR-10 demande data_batch_1.bin … et test_batch.bin, CIFAR-100 train.bin et test.bin (trouvés : aucun). Prenez l’archive « binary version » (cifar-10-binary.tar.gz), pas celle pour Python ou MATLAB.',
  cifarSize:
    '{{name}} dans {{source}} a {{count, number}} images d’entraînement ; réglez la taille du jeu de données sur {{count}} au plus.',
  tarHeaderDamaged:
    '{{file}} n’est pas une archive tar lisible : l’en-tête à l’octet {{at, number}} est abîmé (sa somme de contrôle ne correspond pas). Téléchargez l’archive à nouveau.',
  tarHeaderDamaged_unpacked:
    '{{file}} n’est pas une archive tar lisible : l’en-tête à l’octet {{at, number}} de l’archive décompressée est abîmé (sa somme de contrôle ne correspond pas). Téléchargez l’archive à nouveau.',
  gzipEndsEarly:
    '{{file}} est un fichier gzip abîmé : il s’arrête trop tôt vers l’octet {{at, number}} (après {{unpacked, number}} octets décompressés). Téléchargez-le à nouveau.',
  gzipInvalid:
    '{{file}} est un fichier gzip abîmé : il contient des données compressées invalides vers l’octet {{at, number}} (après {{unpacked, number}} octets décompressés). Téléchargez-le à nouveau.',
  tarEntryCut:
    '{{file}} est tronqué : {{entry}} commence à l’octet {{start, number}} et devrait contenir {{size, number}} octets, mais l’archive s’arrête à l’octet {{end, number}}. Téléchargez-la à nouveau.',
  tarEntryCut_unpacked:
    '{{file}} est tronqué : {{entry}} commence à l’octet {{start, number}} de l’archive décompressée et devrait contenir {{size, number}} octets, mais l’archive s’arrête à l’octet {{end, number}}. Téléchargez-la à nouveau.',
  tarHeaderCut:
    '{{file}} est tronqué : un en-tête tar commence à l’octet {{start, number}} mais l’archive s’arrête à l’octet {{end, number}}. Téléchargez-la à nouveau.',

  // Importer un jeu de données (envois depuis le navigateur, dossiers et fichiers choisis sur le bureau).
  badReference: 'La référence de ce jeu de données n’est pas valide : choisissez à nouveau le jeu de données dans l’onglet Données.',
  uploadOutside: '« {{file}} » mène hors du dossier du jeu de données : il a donc été refusé.',
  uploadNoName: 'Un fichier de l’envoi n’a pas de nom utilisable.',
  uploadAbsolute: '« {{file}} » est un chemin absolu ; seuls les fichiers du dossier choisi peuvent être importés.',
  uploadDots: '« {{file}} » mène hors du dossier choisi (il contient « {{part}} ») : il a donc été refusé.',
  uploadBadName: '« {{file}} » n’est pas un nom de fichier enregistrable ; renommez-le et importez à nouveau.',
  importKinds: 'Seuls un dossier d’images, un fichier CSV, des fichiers IDX ou une archive CIFAR peuvent être importés.',
  uploadUnknown: 'Cet envoi est terminé ou inconnu ; importez à nouveau les données.',
  uploadNoList: 'L’envoi ne contenait pas de liste de fichiers.',
  uploadPartAlone: 'Une partie de {{file}} est arrivée sans son début ; importez à nouveau les données.',
  notInClass: 'pas dans un dossier de classe : placez chaque image dans le sous-dossier qui porte le nom de sa classe',
  inSubFolder: 'dans un sous-dossier d’un dossier de classe : un dossier de classe ne contient que des images',
  imageTooBig: 'trop grosse pour une image d’entraînement ({{size}} Mo ; au plus {{max}} Mo)',
  cifarOneArchive: 'Un import CIFAR prend une seule archive (cifar-10-binary.tar.gz), pas un dossier.',
  idxFlat: 'Les fichiers IDX s’importent en un seul dossier, sans sous-dossiers.',
  notCifarArchive:
    '{{file}} n’est pas une archive CIFAR : choisissez cifar-10-binary.tar.gz ou cifar-100-binary.tar.gz (la « binary version »).',
  notIdxName: 'pas un fichier IDX (son nom ne contient ni idx1-ubyte ni idx3-ubyte)',
  csvOneFile: 'Un import CSV prend un seul fichier, pas un dossier.',
  notCsvUpload:
    '{{file}} n’est pas un fichier CSV : choisissez un fichier se terminant par .csv, avec une ligne d’en-tête et une ligne par exemple.',
  csvTooBig: '{{file}} fait {{size}} Mo ; un fichier CSV peut faire au plus {{max}} Mo.',
  notImageContent: 'pas une image, bien que son nom l’indique',
  csvNotText:
    '{{file}} n’est pas un fichier texte, il ne peut donc pas être un fichier CSV : exportez le tableau en CSV (texte séparé par des virgules ou des points-virgules) et importez ce fichier.',
  uploadTooLarge:
    'Le jeu de données est trop gros pour être importé (plus de {{max}} Mo ou de {{files, number}} fichiers) : utilisez moins d’images, ou des images plus petites.',
  nothingImported: 'Rien n’a été importé de « {{name}} » : il faut un sous-dossier par classe, chacun avec des images PNG, JPEG ou WebP.',
  nothingImportedRefused:
    'Rien n’a été importé de « {{name}} » : il faut un sous-dossier par classe, chacun avec des images PNG, JPEG ou WebP. Refusés : {{items, skipped}}.',
  noCsvReceived: 'Aucun fichier CSV n’a été reçu ; choisissez à nouveau le fichier.',
  noIdxReceived: 'Aucun fichier IDX n’a été reçu ; choisissez à nouveau le dossier.',
  noCifarReceived: 'Aucune archive CIFAR n’a été reçue ; choisissez à nouveau le fichier.',
  pickedNotFile: '{{path}} n’est pas un fichier : choisissez un fichier CSV.',
  pickedMissing: '{{path}} n’existe pas.',
  pickedNotFolder: '{{path}} n’est pas un dossier : choisissez un dossier contenant un sous-dossier par classe.',
  unsaveableName: '« {{file}} » ne peut pas être enregistré : {{reason, problem}}. Renommez-le et importez à nouveau.',
};
