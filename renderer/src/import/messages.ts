// The import of a network file's messages, as a project or as a pretrained base (the `ui-network` namespace).

export const networkMessagesEn = {
  network: {
    importProject: 'Import a network…',
    addBase: 'Add a pretrained base from a file…',
    addBaseShort: 'Base from a file…',
    titleProject: 'Importing {{file}}',
    titleBase: 'Adding {{file}} as a pretrained base',
    sending:
      'Sending the file: {{sent, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} of {{size, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} MB…',
    sendingLabel: 'File sent',
    reading: 'Reading the network and its weights…',
    doneProject:
      'Imported as a new project: {{blocks, number}} blocks, {{params, number}} parameters, with its weights as the project’s pretrained weights.',
    doneBase:
      'Added as a frozen base ending with “{{upTo}}”: {{blocks, number}} blocks, {{params, number}} frozen parameters, with their weights. Undo takes it out.',
    chooseIntro:
      '{{name}}: {{blocks, number}} blocks, {{params, number}} parameters ({{format}}). The base goes after this project’s Input as one frozen block; the blocks after it learn from the project’s data.',
    insert: 'Add the base',
    cancel: 'Cancel',
    inserting: 'Adding the base…',
    saveFirst: 'Save the project as a .nbproj file first: a pretrained base keeps its weights there.',
    close: 'Close',
  },
};

export const networkMessagesFr: typeof networkMessagesEn = {
  network: {
    importProject: 'Importer un réseau…',
    addBase: 'Ajouter une base préentraînée depuis un fichier…',
    addBaseShort: 'Base depuis un fichier…',
    titleProject: 'Import de {{file}}',
    titleBase: 'Ajout de {{file}} comme base préentraînée',
    sending:
      'Envoi du fichier : {{sent, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} sur {{size, number(minimumFractionDigits: 1; maximumFractionDigits: 1)}} Mo…',
    sendingLabel: 'Fichier envoyé',
    reading: 'Lecture du réseau et de ses poids…',
    doneProject:
      'Importé comme nouveau projet : {{blocks, number}} blocs, {{params, number}} paramètres, avec ses poids comme poids préentraînés du projet.',
    doneBase:
      'Ajoutée comme base gelée qui s’arrête à « {{upTo}} » : {{blocks, number}} blocs, {{params, number}} paramètres gelés, avec leurs poids. Annuler la retire.',
    chooseIntro:
      '{{name}} : {{blocks, number}} blocs, {{params, number}} paramètres ({{format}}). La base se place après l’Input de ce projet, en un seul bloc gelé ; les blocs qui la suivent apprennent sur les données du projet.',
    insert: 'Ajouter la base',
    cancel: 'Annuler',
    inserting: 'Ajout de la base…',
    saveFirst: 'Enregistrez d’abord le projet en fichier .nbproj : une base préentraînée y garde ses poids.',
    close: 'Fermer',
  },
};
