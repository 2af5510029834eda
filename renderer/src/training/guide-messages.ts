// Hints that lead a first-time user from one step to the next (merged into ../i18n/en and fr).

export const guideMessagesEn = {
  guide: {
    nextLabel: 'What to do next',
    next: 'Next:',
    evaluate: 'See the test results',
    tryDrawing: 'Try it with your own drawing',
    tryImage: 'Try it with your own image',
    toTrain: 'Go to Train',
    saveProjectFile: 'Save as a project file (.nbproj)…',
  },
};

export const guideMessagesFr: typeof guideMessagesEn = {
  guide: {
    nextLabel: 'Que faire ensuite',
    next: 'Ensuite :',
    evaluate: 'Voir les résultats du test',
    tryDrawing: 'L’essayer avec votre dessin',
    tryImage: 'L’essayer avec votre image',
    toTrain: 'Aller à Entraîner',
    saveProjectFile: 'Enregistrer en fichier de projet (.nbproj)…',
  },
};
