// The camera's messages: collecting images in the Data tab, predicting live in Try it (the `ui-camera` namespace).

export const cameraMessagesEn = {
  camera: {
    title: 'Collect images with the camera',
    intro:
      'Name the classes, then hold a class’s button to record images of it. Show each class from several angles; about 30 images per class is a good start.',
    start: 'Turn the camera on',
    stop: 'Turn the camera off',
    video: 'What the camera sees',
    className: 'Name of class {{number}}',
    defaultClass: 'class {{number}}',
    addClass: 'Add a class',
    removeClass: 'Remove the class {{name}}',
    hold: 'Hold to record {{name}}',
    count_one: '{{count}} image',
    count_other: '{{count}} images',
    delete: 'Delete image {{number}} of {{name}}',
    name: 'Name of the data set',
    save: 'Save as a data set',
    saveHint:
      'The images are saved as an image folder (one sub-folder per class) in datasets/ of the projects folder, and training uses it.',
    needTwo: 'Record images of at least two classes before saving.',
    badNames: 'Give every class a different, non-empty name without / \\ : * ? " < > |.',
    denied: 'The camera could not be opened ({{reason}}). Check that a camera is connected and that Neuroblocks may use it.',
    unavailable: 'This page cannot use a camera: open Neuroblocks at its 127.0.0.1 address or in the desktop app.',
    tryStart: 'Predict from the camera',
    tryStop: 'Stop the camera',
    tryHint: 'The model answers about three times a second for what the camera sees, reduced to its input.',
  },
};

export const cameraMessagesFr: typeof cameraMessagesEn = {
  camera: {
    title: 'Collecter des images avec la caméra',
    intro:
      'Nommez les classes, puis maintenez le bouton d’une classe pour en enregistrer des images. Montrez chaque classe sous plusieurs angles ; une trentaine d’images par classe est un bon début.',
    start: 'Allumer la caméra',
    stop: 'Éteindre la caméra',
    video: 'Ce que voit la caméra',
    className: 'Nom de la classe {{number}}',
    defaultClass: 'classe {{number}}',
    addClass: 'Ajouter une classe',
    removeClass: 'Retirer la classe {{name}}',
    hold: 'Maintenir pour enregistrer {{name}}',
    count_one: '{{count}} image',
    count_other: '{{count}} images',
    delete: 'Supprimer l’image {{number}} de {{name}}',
    name: 'Nom du jeu de données',
    save: 'Enregistrer comme jeu de données',
    saveHint:
      'Les images sont enregistrées comme un dossier d’images (un sous-dossier par classe) dans datasets/ du dossier des projets, et l’entraînement l’utilise.',
    needTwo: 'Enregistrez des images d’au moins deux classes avant de sauvegarder.',
    badNames: 'Donnez à chaque classe un nom différent, non vide, sans / \\ : * ? " < > |.',
    denied:
      'La caméra n’a pas pu être ouverte ({{reason}}). Vérifiez qu’une caméra est branchée et que Neuroblocks a le droit de l’utiliser.',
    unavailable: 'Cette page ne peut pas utiliser de caméra : ouvrez Neuroblocks à son adresse 127.0.0.1 ou dans l’application de bureau.',
    tryStart: 'Prédire depuis la caméra',
    tryStop: 'Arrêter la caméra',
    tryHint: 'Le modèle répond environ trois fois par seconde pour ce que voit la caméra, réduit à son entrée.',
  },
};
