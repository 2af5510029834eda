// Hints that lead a first-time user from one step to the next (the `ui-guide` namespace).

export const guideMessagesEn = {
  guide: {
    nextLabel: 'What to do next',
    next: 'Next:',
    evaluate: 'See the test results',
    tryDrawing: 'Try it with your own drawing',
    tryImage: 'Try it with your own image',
    toTrain: 'Go to Train',
    saveProjectFile: 'Save as a project file (.nbproj)…',
    homeHint: 'New here? Pick an example: it opens ready to train on its data. Then press ▶ Train at the top right.',
    readyToTrain:
      'This network is ready to learn: press ▶ Train at the top right to train it on its data, then test it with your own drawing under Try it.',
    readyToTrain_image:
      'This network is ready to learn: press ▶ Train at the top right to train it on its data, then test it with your own image under Try it.',
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
    homeHint:
      'Première fois ? Choisissez un exemple : il s’ouvre prêt à apprendre sur ses données. Appuyez ensuite sur ▶ Entraîner, en haut à droite.',
    readyToTrain:
      'Ce réseau est prêt à apprendre : appuyez sur ▶ Entraîner, en haut à droite, pour l’entraîner sur ses données, puis testez-le avec votre propre dessin dans Essayer.',
    readyToTrain_image:
      'Ce réseau est prêt à apprendre : appuyez sur ▶ Entraîner, en haut à droite, pour l’entraîner sur ses données, puis testez-le avec votre propre image dans Essayer.',
  },
};
