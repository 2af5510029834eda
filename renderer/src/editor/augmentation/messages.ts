// The augmentation preview's messages (the `ui-augment` namespace).

export const augmentMessagesEn = {
  augment: {
    title: 'Augmentation preview',
    intro:
      'One training image as the network sees it while training, through the augmentation blocks after the Input, with their current parameters. Each square is a new random draw.',
    original: 'Original',
    drawLabel: 'Random draw {{n}} of image {{index}}',
    originalLabel: 'Original image {{index}}, class {{label}}',
    image: 'Image {{index, count}} of {{count, count}} · class {{label}}',
    reroll: 'Re-roll',
    rerollHelp: 'New random draws of the same image',
    another: 'Another image',
    anotherHelp: 'Show a different training image',
    enlarge: 'Enlarge',
    enlargeHelp: 'Show a larger grid, for a projector',
    close: 'Close',
    loading: 'Drawing…',
    applied: 'Applied in order:',
    sizes: 'Image {{from}} → {{to}} after augmentation',
    notApplied:
      '{{type}} “{{id}}” comes after {{afterType}} “{{afterId}}”: while training it changes what that block gives, not the image, so it is not shown here. Move it right after the Input to see it.',
    notConnected: '{{type}} “{{id}}” has nothing connected into it, so it is not shown here.',
    noneYet:
      'This graph has no augmentation block after its Input, so there is nothing to preview. To add one, drag a block of the Augmentation group of the palette (RandomFlip, RandomRotation, RandomZoom…) between the Input block and the first layer.',
    noInput: 'Add an Input block first, then augmentation blocks right after it.',
  },
};

export const augmentMessagesFr: typeof augmentMessagesEn = {
  augment: {
    title: 'Aperçu de l’augmentation',
    intro:
      'Une image d’entraînement telle que le réseau la voit pendant l’entraînement, à travers les blocs d’augmentation placés après l’entrée, avec leurs paramètres actuels. Chaque case est un nouveau tirage aléatoire.',
    original: 'Originale',
    drawLabel: 'Tirage aléatoire {{n}} de l’image {{index}}',
    originalLabel: 'Image originale {{index}}, classe {{label}}',
    image: 'Image {{index, count}} sur {{count, count}} · classe {{label}}',
    reroll: 'Relancer',
    rerollHelp: 'Nouveaux tirages aléatoires de la même image',
    another: 'Autre image',
    anotherHelp: 'Montrer une autre image d’entraînement',
    enlarge: 'Agrandir',
    enlargeHelp: 'Montrer une grille plus grande, pour un vidéoprojecteur',
    close: 'Fermer',
    loading: 'Tirage en cours…',
    applied: 'Appliqués dans l’ordre :',
    sizes: 'Image {{from}} → {{to}} après augmentation',
    notApplied:
      '{{type}} « {{id}} » vient après {{afterType}} « {{afterId}} » : pendant l’entraînement, il modifie ce que donne ce bloc, pas l’image, il n’est donc pas montré ici. Placez-le juste après l’entrée pour le voir.',
    notConnected: '{{type}} « {{id}} » n’a aucune entrée connectée, il n’est donc pas montré ici.',
    noneYet:
      'Ce graphe n’a aucun bloc d’augmentation après son entrée : il n’y a rien à prévisualiser. Pour en ajouter un, glissez un bloc du groupe Augmentation de la palette (RandomFlip, RandomRotation, RandomZoom…) entre le bloc Input et la première couche.',
    noInput: 'Ajoutez d’abord un bloc Input, puis des blocs d’augmentation juste après.',
  },
};
