// The Data tab's messages (the `ui-data` namespace).

export const dataMessagesEn = {
  data: {
    choose: 'Choose the data',
    builtin: 'Built-in data sets',
    builtinName: {
      mnist: 'MNIST digits',
      'fashion-mnist': 'Fashion-MNIST clothes',
      spirals: 'Spirals',
      xor: 'XOR',
      circles: 'Circles',
      gaussians: 'Gaussians',
    },
    builtinDescription: {
      mnist: 'Handwritten digits 0–9, 28×28 grey-level images: the official 60,000 training and 10,000 test digits ship with the app.',
      'fashion-mnist':
        'Zalando’s Fashion-MNIST: 28×28 grey images of clothes in 10 classes, 60,000 for training and 10,000 for the test; downloaded on first use.',
      spirals: 'Two interleaved spirals of points in the plane: a classic that a straight line cannot separate.',
      xor: 'Points in four quadrants labelled like XOR: the smallest problem that needs a hidden layer.',
      circles: 'A ring of points around a disc of points of the other class.',
      gaussians: 'Two clouds of points drawn from Gaussian distributions: nearly linearly separable.',
    },
    builtinShape: '{{shape}} · {{classes}} classes',
    values_one: '{{count}} value',
    values_other: '{{count}} values',
    importTitle: 'Your own data',
    importFolder: 'Import an image folder…',
    importCsv: 'Import a CSV file…',
    importIdx: 'Import IDX files…',
    importCifar: 'Import a CIFAR archive…',
    importHelp:
      'An image folder holds one sub-folder per class (for example cats/ and dogs/), each with its PNG, JPEG or WebP images. A CSV file has a header row, one row per sample, numbers in every column but the label. IDX files are MNIST’s format (EMNIST, KMNIST, Fashion-MNIST…): choose the folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte and, if there are, the t10k test files (.gz or not). A CIFAR archive is cifar-10-binary.tar.gz or cifar-100-binary.tar.gz, read as it is.',
    downloading:
      'Downloading {{file}}: {{received, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} of {{total, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB…',
    downloading_unknownSize: 'Downloading {{file}}: {{received, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB…',
    dropHere: 'or drop a folder of images or a CSV file here',
    dropNow: 'Drop to import',
    current: 'Training uses',
    none: 'No data set chosen yet: pick a built-in set or import your own.',
    labelColumn: 'Label column (the class of each row)',
    uploading: 'Importing {{name}}: {{sent}} of {{total}} files…',
    imported_one: '{{name}} imported: {{count}} file.',
    imported_other: '{{name}} imported: {{count}} files.',
    refused_one: '{{count}} file was not imported:',
    refused_other: '{{count}} files were not imported:',
    dropUnknown: 'Drop a folder of images (one sub-folder per class) or a single .csv file.',
    preview: 'Preview',
    loading: 'Reading the data…',
    checked: '{{decoded, count}} of {{images, count}} images were fully checked; the rest are checked when training loads them.',
    checkedHeaders:
      '{{decoded, count}} of {{images, count}} images were fully checked and the sizes of {{headers, count}} were read; the rest are counted as images and checked when training loads them.',
    summary:
      '{{classes}} classes · {{train, count}} samples for training · {{test, count}} kept for the final test · each sample {{shape}}',
    sizeRange: 'The images have different sizes, from {{smallest}} to {{largest}}: all are resized to the Input block’s shape.',
    class: 'Class',
    count: 'Samples',
    countValue: '{{train, count}} train · {{test, count}} test',
    samples: 'Examples',
    thumbnail: 'Example of class {{name}}',
    skipped_one: '{{count}} file skipped',
    skipped_other: '{{count}} files skipped',
    tableRows: 'First {{shown}} of {{total, count}} rows',
    scatter: 'Training points, coloured by class',
    fitInput: 'Each sample is {{data}}, but the Input block "{{id}}" expects {{input}}. Set its shape to {{fix}} to train on these data.',
    fitInputImages:
      'The images are {{data}}, but the Input block "{{id}}" expects {{input}}: they will be resized and {{conversion}}. To keep them as they are, set its shape to {{fix}}.',
    fitInputImagesLarge:
      'The images are {{data}}, more than a model needs, and the Input block "{{id}}" expects {{input}}: they will be resized and {{conversion}}. An Input of {{fix}} keeps their proportions at a size a model trains on quickly.',
    toGrey: 'turned into grey levels',
    toColour: 'given three colour channels',
    resizedOnly: 'nothing else changes',
    fitUnits:
      'The data set has {{classes}} classes, but the output block "{{id}}" has {{units}} units. Set units to {{classes}} so that it gives one value per class.',
    fitNoInput: 'The model has no single Input block: add one before training.',
    fixInput: 'Set the Input shape to {{shape}}',
    fixUnits: 'Set units to {{classes}}',
    openTab: 'Preview or import…',
    fitTitle: 'Images not shaped like the Input',
    fitHelp:
      'How training, Try it and the exported web page bring an image to the Input block’s shape. The examples below show the images as the model will see them.',
    fitLetterbox: 'Letter-box: the whole image, scaled to fit, black bars on the sides left over',
    fitCrop: 'Centre-crop: scaled to fill, the edges that stick out cut off',
    fitStretch: 'Stretch: squashed to the shape (what projects made before this choice did)',
  },
};

export const dataMessagesFr: typeof dataMessagesEn = {
  data: {
    choose: 'Choisir les données',
    builtin: 'Jeux de données fournis',
    builtinName: {
      mnist: 'Chiffres MNIST',
      'fashion-mnist': 'Vêtements Fashion-MNIST',
      spirals: 'Spirales',
      xor: 'XOR',
      circles: 'Cercles',
      gaussians: 'Gaussiennes',
    },
    builtinDescription: {
      mnist:
        'Chiffres manuscrits de 0 à 9, images en niveaux de gris 28×28 : les 60\u202f000 chiffres d’entraînement et les 10\u202f000 de test officiels sont fournis avec l’application.',
      'fashion-mnist':
        'Fashion-MNIST de Zalando : images grises 28×28 de vêtements en 10 classes, 60\u202f000 pour l’entraînement et 10\u202f000 pour le test ; téléchargé à la première utilisation.',
      spirals: 'Deux spirales de points entrelacées dans le plan : un classique qu’une droite ne peut pas séparer.',
      xor: 'Des points dans quatre quadrants, étiquetés comme un XOR : le plus petit problème qui demande une couche cachée.',
      circles: 'Un anneau de points autour d’un disque de points de l’autre classe.',
      gaussians: 'Deux nuages de points tirés de lois gaussiennes : presque linéairement séparables.',
    },
    builtinShape: '{{shape}}, {{classes}} classes',
    values_one: '{{count}} valeur',
    values_other: '{{count}} valeurs',
    importTitle: 'Vos propres données',
    importFolder: 'Importer un dossier d’images…',
    importCsv: 'Importer un fichier CSV…',
    importIdx: 'Importer des fichiers IDX…',
    importCifar: 'Importer une archive CIFAR…',
    importHelp:
      'Un dossier d’images contient un sous-dossier par classe (par exemple chats/ et chiens/), chacun avec ses images PNG, JPEG ou WebP. Un fichier CSV a une ligne d’en-tête, une ligne par exemple, et des nombres dans toutes les colonnes sauf l’étiquette. Les fichiers IDX sont le format de MNIST (EMNIST, KMNIST, Fashion-MNIST…) : choisissez le dossier qui contient train-images-idx3-ubyte, train-labels-idx1-ubyte et, s’il y en a, les fichiers de test t10k (en .gz ou non). Une archive CIFAR est cifar-10-binary.tar.gz ou cifar-100-binary.tar.gz, lue telle quelle.',
    downloading:
      'Téléchargement de {{file}} : {{received, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} Mo sur {{total, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}}…',
    downloading_unknownSize: 'Téléchargement de {{file}} : {{received, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} Mo…',
    dropHere: 'ou déposez ici un dossier d’images ou un fichier CSV',
    dropNow: 'Déposez pour importer',
    current: 'L’entraînement utilise',
    none: 'Aucun jeu de données choisi : prenez un jeu fourni ou importez le vôtre.',
    labelColumn: 'Colonne de l’étiquette (la classe de chaque ligne)',
    uploading: 'Import de {{name}} : {{sent}} fichiers sur {{total}}…',
    imported_one: '{{name}} importé : {{count}} fichier.',
    imported_other: '{{name}} importé : {{count}} fichiers.',
    refused_one: '{{count}} fichier n’a pas été importé :',
    refused_other: '{{count}} fichiers n’ont pas été importés :',
    dropUnknown: 'Déposez un dossier d’images (un sous-dossier par classe) ou un seul fichier .csv.',
    preview: 'Aperçu',
    loading: 'Lecture des données…',
    checked:
      '{{decoded, count}} images sur {{images, count}} ont été entièrement vérifiées ; les autres le seront quand l’entraînement les chargera.',
    checkedHeaders:
      '{{decoded, count}} images sur {{images, count}} ont été entièrement vérifiées et la taille de {{headers, count}} a été lue ; les autres sont comptées comme des images et seront vérifiées quand l’entraînement les chargera.',
    summary:
      '{{classes}} classes · {{train, count}} exemples pour l’entraînement · {{test, count}} gardés pour le test final · chaque exemple {{shape}}',
    sizeRange:
      'Les images n’ont pas toutes la même taille, de {{smallest}} à {{largest}} : toutes sont redimensionnées à la forme du bloc Input.',
    class: 'Classe',
    count: 'Exemples',
    countValue: '{{train, count}} entraîn. · {{test, count}} test',
    samples: 'Échantillons',
    thumbnail: 'Exemple de la classe {{name}}',
    skipped_one: '{{count}} fichier ignoré',
    skipped_other: '{{count}} fichiers ignorés',
    tableRows: '{{shown}} premières lignes sur {{total, count}}',
    scatter: 'Points d’entraînement, colorés par classe',
    fitInput:
      'Chaque exemple est {{data}}, mais le bloc Input « {{id}} » attend {{input}}. Donnez-lui la forme {{fix}} pour entraîner sur ces données.',
    fitInputImages:
      'Les images sont {{data}}, mais le bloc Input « {{id}} » attend {{input}} : elles seront redimensionnées et {{conversion}}. Pour les garder telles quelles, donnez-lui la forme {{fix}}.',
    fitInputImagesLarge:
      'Les images sont {{data}}, plus qu’un modèle n’en demande, et le bloc Input « {{id}} » attend {{input}} : elles seront redimensionnées et {{conversion}}. Un Input de {{fix}} garde leurs proportions à une taille où un modèle apprend vite.',
    toGrey: 'passées en niveaux de gris',
    toColour: 'dotées de trois canaux de couleur',
    resizedOnly: 'rien d’autre ne change',
    fitUnits:
      'Le jeu de données a {{classes}} classes, mais le bloc de sortie « {{id}} » a {{units}} unités. Mettez units à {{classes}} pour qu’il donne une valeur par classe.',
    fitNoInput: 'Le modèle n’a pas un seul bloc Input : ajoutez-en un avant d’entraîner.',
    fixInput: 'Mettre la forme de l’Input à {{shape}}',
    fixUnits: 'Mettre units à {{classes}}',
    openTab: 'Voir ou importer…',
    fitTitle: 'Images qui n’ont pas la forme de l’Input',
    fitHelp:
      'Comment l’entraînement, « Essayer » et la page web exportée amènent une image à la forme du bloc Input. Les exemples ci-dessous montrent les images telles que le modèle les verra.',
    fitLetterbox: 'Image entière : réduite pour tenir, des bandes noires comblent les côtés restants',
    fitCrop: 'Recadrée au centre : agrandie pour remplir, les bords qui dépassent sont coupés',
    fitStretch: 'Étirée : déformée à la forme (ce que faisaient les projets créés avant ce choix)',
  },
};
