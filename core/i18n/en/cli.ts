// What the command line says on its own account (its arguments, its lists), in English.
export const cli = {
  unknownCommand: 'Unknown command "{{name}}".',
  badLanguage: '--lang is en or fr, not "{{value}}".',
  wholeNumber: '--{{option}} must be a whole number of at least {{min}}, not "{{value}}".',
  oneOf: 'Unknown {{what}} "{{value}}". Choose one of: {{choices, join}}.',
  failed: 'Failed: {{message}}',
  diverged: 'Diverged: {{message}}',
  totalTime: 'Total time: {{seconds, decimal(minimumFractionDigits: 1)}} s.',
  warning: 'Warning: {{message}}',
} as const;
