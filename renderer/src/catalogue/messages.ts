// The catalogue of pretrained bases' messages (the `ui-pretrained` namespace).

export const pretrainedMessagesEn = {
  pretrained: {
    open: 'Pretrained bases…',
    openHelp: 'Well-known networks trained on ImageNet, to use as a frozen base',
    title: 'Pretrained bases',
    intro:
      'Networks trained on ImageNet (Keras Applications), without their classifier: downloaded once into your user data folder, checked, and kept for every project.',
    loading: 'Reading the catalogue…',
    inputSize: 'Input',
    inputSizeValue: '{{size}}×{{size}}×3 colour images by default; any square size from {{min}}×{{min}}',
    params: 'Parameters',
    paramsValue: '{{params, number}} (as Keras counts them), all frozen; output {{shape}} at 224×224',
    licence: 'Licence',
    download: 'Download',
    sizeNotPublished: 'size not published (the whole network with its classifier: {{size, number}} MB)',
    address: 'Official address',
    checksum: 'Checksum',
    noChecksum: 'none published by Keras (checked by its layers when added)',
    preprocessing: 'Preprocessing',
    stateAbsent: 'Not downloaded',
    stateDownloading: 'Downloading…',
    statePartial:
      'Partly downloaded ({{size, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB): the download goes on from there',
    stateDownloaded: 'Downloaded and checked ({{size, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB)',
    progressLabel: 'Download of {{name}}',
    receivedOf:
      '{{received, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} of {{total, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB',
    received: '{{received, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB',
    downloadButton: 'Download',
    resume: 'Resume the download',
    downloaded: 'Downloaded',
    add: 'Add to this project',
    addHelp:
      'Puts the base, frozen, with its preprocessing, right after the Input block (at its image size); a project that already has the base’s blocks under Keras’s names (the VGG16 example) gets them filled with the real weights.',
    addNeedsFile: 'Adding a base needs the project saved as a .nbproj file, which keeps its weights.',
    added_one: '{{name}} added after the Input block, frozen, with {{count}} weight tensor kept in the project file.',
    added_other: '{{name}} added after the Input block, frozen, with {{count}} weight tensors kept in the project file.',
    filled_one: 'The project’s {{name}} blocks now start from the real weights ({{count}} tensor kept in the project file).',
    filled_other: 'The project’s {{name}} blocks now start from the real weights ({{count}} tensors kept in the project file).',
    close: 'Close',
  },
};

export const pretrainedMessagesFr: typeof pretrainedMessagesEn = {
  pretrained: {
    open: 'Bases pré-entraînées…',
    openHelp: 'Réseaux connus entraînés sur ImageNet, à utiliser comme base gelée',
    title: 'Bases pré-entraînées',
    intro:
      'Des réseaux entraînés sur ImageNet (Keras Applications), sans leur classifieur : téléchargés une fois dans votre dossier de données utilisateur, vérifiés, et gardés pour tous les projets.',
    loading: 'Lecture du catalogue…',
    inputSize: 'Entrée',
    inputSizeValue: 'images couleur {{size}}×{{size}}×3 par défaut ; toute taille carrée à partir de {{min}}×{{min}}',
    params: 'Paramètres',
    paramsValue: '{{params, number}} (comptés comme Keras), tous gelés ; sortie {{shape}} en 224×224',
    licence: 'Licence',
    download: 'Téléchargement',
    sizeNotPublished: 'taille non publiée (le réseau entier avec son classifieur : {{size, number}} Mo)',
    address: 'Adresse officielle',
    checksum: 'Somme de contrôle',
    noChecksum: 'aucune publiée par Keras (vérifié par ses couches à l’ajout)',
    preprocessing: 'Prétraitement',
    stateAbsent: 'Pas téléchargé',
    stateDownloading: 'Téléchargement…',
    statePartial:
      'Téléchargé en partie ({{size, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} Mo) : le téléchargement reprendra à partir de là',
    stateDownloaded: 'Téléchargé et vérifié ({{size, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} Mo)',
    progressLabel: 'Téléchargement de {{name}}',
    receivedOf:
      '{{received, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} Mo sur {{total, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}}',
    received: '{{received, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} Mo',
    downloadButton: 'Télécharger',
    resume: 'Reprendre le téléchargement',
    downloaded: 'Téléchargé',
    add: 'Ajouter à ce projet',
    addHelp:
      'Place la base, gelée, avec son prétraitement, juste après le bloc Input (à sa taille d’image) ; un projet qui a déjà les blocs de la base sous les noms de Keras (l’exemple VGG16) les voit remplis avec les vrais poids.',
    addNeedsFile: 'Ajouter une base demande un projet enregistré en fichier .nbproj, qui garde ses poids.',
    added_one: '{{name}} ajouté après le bloc Input, gelé, avec {{count}} tenseur de poids gardé dans le fichier du projet.',
    added_other: '{{name}} ajouté après le bloc Input, gelé, avec {{count}} tenseurs de poids gardés dans le fichier du projet.',
    filled_one: 'Les blocs {{name}} du projet partent maintenant des vrais poids ({{count}} tenseur gardé dans le fichier du projet).',
    filled_other: 'Les blocs {{name}} du projet partent maintenant des vrais poids ({{count}} tenseurs gardés dans le fichier du projet).',
    close: 'Fermer',
  },
};
