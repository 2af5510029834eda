import type { Catalogue } from '../types';
import type { cli as en } from '../en/cli';

// Ce que la ligne de commande dit en son nom propre (ses arguments, ses listes), en français.
export const cli: Catalogue<typeof en> = {
  unknownCommand: 'Commande inconnue : « {{name}} ».',
  badLanguage: '--lang vaut en ou fr, et non « {{value}} ».',
  wholeNumber: '--{{option}} doit être un nombre entier d’au moins {{min}}, et non « {{value}} ».',
  oneOf: 'Valeur inconnue pour {{what}} : « {{value}} ». Choisissez parmi : {{choices, join}}.',
  failed: 'Échec : {{message, problem}}',
  diverged: 'Divergence : {{message, problem}}',
  done: 'Terminé : {{message, problem}}',
  stopped: 'Arrêté : {{message, problem}}',
  interrupted: 'Interrompu : {{message, problem}}',
  learningRateLowered: 'Taux d’apprentissage abaissé à {{learningRate, decimal}} ({{reason, problem}}).',
  runEnded: 'Entraînement {{id}} : {{message, problem}}',
  totalTime: 'Durée totale : {{seconds, decimal(minimumFractionDigits: 1)}} s.',
  warning: 'Avertissement : {{message, problem}}',
  exportNotLogged: 'L’export n’est pas noté dans {{file}} : {{reason, problem}}.',
  runNotRecorded: 'L’entraînement ne peut pas être enregistré : {{reason, problem}}.',
};
