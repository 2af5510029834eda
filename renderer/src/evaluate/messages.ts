// Evaluate's messages: the test results and the most confident mistakes (the `ui-evaluate` namespace).

export const evaluateMessagesEn = {
  evaluate: {
    none: 'Train the model first: its test results appear here when a run ends.',
    accuracy: 'Test accuracy: {{accuracy, percent}} on {{samples, count}} samples the model never saw during training.',
    confusion: 'Confusion matrix',
    confusionHint:
      'Rows: the true class. Columns: what the model answered. Green: right; red: mistakes. Click a number to see those samples.',
    actualPredicted: 'true ↓ / answer →',
    cell_one: '{{count}} sample of {{actual}} answered as {{predicted}}',
    cell_other: '{{count}} samples of {{actual}} answered as {{predicted}}',
    perClass: 'Per class',
    class: 'Class',
    precision: 'Precision',
    recall: 'Recall',
    support: 'Samples',
    metricsHint:
      'Precision: when the model answers this class, how often it is right. Recall: of the samples of this class, how many it finds.',
    cellTitle: 'True {{actual}}, answered {{predicted}}',
    loading: 'Loading…',
    shown: 'Showing {{shown}} of {{total, count}}, the most confident answers first.',
    sample: 'Test sample {{index}}, confidence {{confidence, percent}}',
  },
  mistakes: {
    title: 'Most confident mistakes',
    hint: 'The test samples the model got wrong while being the most sure of itself. Click one to open its cell of the confusion matrix.',
    finding: 'Looking for the mistakes: {{done, count}} of {{total, count}} test samples…',
    none: 'No mistakes: the model answers every test sample correctly.',
    shown_one: 'The only mistake.',
    shown_other: 'The {{shown}} most confident of {{total}} mistakes.',
    label: 'actual {{actual}} → predicted {{predicted}} ({{confidence, percent}})',
    open: 'Test sample {{index}}: actual {{actual}}, predicted {{predicted}} with {{confidence, percent}} confidence. Open its cell of the confusion matrix.',
  },
};

export const evaluateMessagesFr: typeof evaluateMessagesEn = {
  evaluate: {
    none: 'Entraînez d’abord le modèle : ses résultats de test apparaissent ici à la fin d’un entraînement.',
    accuracy: 'Exactitude sur le test : {{accuracy, percent}} sur {{samples, count}} exemples jamais vus pendant l’entraînement.',
    confusion: 'Matrice de confusion',
    confusionHint:
      'Lignes : la vraie classe. Colonnes : la réponse du modèle. Vert : juste ; rouge : erreurs. Cliquez un nombre pour voir ces exemples.',
    actualPredicted: 'vraie ↓ / réponse →',
    cell_one: '{{count}} exemple de {{actual}} répondu {{predicted}}',
    cell_other: '{{count}} exemples de {{actual}} répondus {{predicted}}',
    perClass: 'Par classe',
    class: 'Classe',
    precision: 'Précision',
    recall: 'Rappel',
    support: 'Exemples',
    metricsHint:
      'Précision : quand le modèle répond cette classe, à quelle fréquence il a raison. Rappel : parmi les exemples de cette classe, combien il en trouve.',
    cellTitle: 'Vrai {{actual}}, répondu {{predicted}}',
    loading: 'Chargement…',
    shown: '{{shown}} sur {{total, count}}, les réponses les plus sûres d’abord.',
    sample: 'Exemple de test {{index}}, confiance {{confidence, percent}}',
  },
  mistakes: {
    title: 'Erreurs les plus sûres',
    hint: 'Les exemples de test où le modèle s’est trompé en étant le plus sûr de lui. Cliquez-en un pour ouvrir sa case de la matrice de confusion.',
    finding: 'Recherche des erreurs : {{done, count}} exemples de test sur {{total, count}}…',
    none: 'Aucune erreur : le modèle répond juste sur tous les exemples de test.',
    shown_one: 'La seule erreur.',
    shown_other: 'Les {{shown}} plus sûres de {{total}} erreurs.',
    label: 'réel {{actual}} → prédit {{predicted}} ({{confidence, percent}})',
    open: 'Exemple de test {{index}} : réel {{actual}}, prédit {{predicted}} avec {{confidence, percent}} de confiance. Ouvrir sa case de la matrice de confusion.',
  },
};
