// The home screen's messages (the `ui-home` namespace).

export const homeMessagesEn = {
  home: {
    tagline: 'Build a neural network by dragging blocks, see its shapes and parameters as you go.',
    new: 'New project',
    empty: 'Empty project',
    untitled: 'Untitled',
    fromExample: 'Start from an example',
    blocks_one: '{{count}} block',
    blocks_other: '{{count}} blocks',
    params: '{{params, number}} parameters',
    open: 'Open a project',
    openFile: 'Open a file…',
    importFile: 'Open a project file (.nbproj or .json) from this computer…',
    recent: 'Recent projects',
    noRecent: 'No recent projects yet.',
    inFolder: 'Projects in {{folder}}',
    noFiles: 'No saved projects in this folder yet.',
  },
};

export const homeMessagesFr: typeof homeMessagesEn = {
  home: {
    tagline: 'Construisez un réseau de neurones en glissant des blocs, et voyez ses formes et ses paramètres au fur et à mesure.',
    new: 'Nouveau projet',
    empty: 'Projet vide',
    untitled: 'Sans titre',
    fromExample: 'Partir d’un exemple',
    blocks_one: '{{count}} bloc',
    blocks_other: '{{count}} blocs',
    params: '{{params, number}} paramètres',
    open: 'Ouvrir un projet',
    openFile: 'Ouvrir un fichier…',
    importFile: 'Ouvrir un fichier de projet (.nbproj ou .json) de cet ordinateur…',
    recent: 'Projets récents',
    noRecent: 'Aucun projet récent pour l’instant.',
    inFolder: 'Projets dans {{folder}}',
    noFiles: 'Aucun projet enregistré dans ce dossier pour l’instant.',
  },
};
