// Tables' messages: a row typed in Try it, test rows shown by column, a CSV's skipped rows (merged into ../i18n/en and fr).

export const tableMessagesEn = {
  table: {
    formTitle: 'Type a row',
    formHint: 'One field per column of the table, written as in the file (a decimal point or comma); the model answers with the column “{{label}}”. The row is standardised as the training rows were.',
    fieldHint: 'number; training rows from {{min}} to {{max}}',
    predict: 'Predict',
    fillMean: 'Fill with the training means',
    typeFirst: 'Type a value in every field, then press Predict.',
    column: 'Column',
    value: 'Value',
    rowOf: 'Test row {{index}}',
    skippedRows_one: '{{count}} row skipped',
    skippedRows_other: '{{count}} rows skipped',
    skippedHint: 'Training uses the other rows. Fix these rows in the file and load it again to use them too.',
    line: 'Line',
    cell: 'Cell',
    why: 'Why',
    wholeRow: '(whole row)',
    empty: '(empty)',
    moreRows: '… and {{count}} more',
  },
};

export const tableMessagesFr: typeof tableMessagesEn = {
  table: {
    formTitle: 'Tapez une ligne',
    formHint: 'Un champ par colonne du tableau, écrit comme dans le fichier (virgule ou point décimal) ; le modèle répond par la colonne « {{label}} ». La ligne est standardisée comme les lignes d’entraînement.',
    fieldHint: 'nombre ; lignes d’entraînement de {{min}} à {{max}}',
    predict: 'Prédire',
    fillMean: 'Remplir avec les moyennes d’entraînement',
    typeFirst: 'Tapez une valeur dans chaque champ, puis appuyez sur Prédire.',
    column: 'Colonne',
    value: 'Valeur',
    rowOf: 'Ligne de test {{index}}',
    skippedRows_one: '{{count}} ligne ignorée',
    skippedRows_other: '{{count}} lignes ignorées',
    skippedHint: 'L’entraînement utilise les autres lignes. Corrigez ces lignes dans le fichier et chargez-le à nouveau pour les utiliser aussi.',
    line: 'Ligne',
    cell: 'Cellule',
    why: 'Pourquoi',
    wholeRow: '(toute la ligne)',
    empty: '(vide)',
    moreRows: '… et {{count}} de plus',
  },
};
