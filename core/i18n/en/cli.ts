// What the command line says on its own account (its arguments, its lists), in English.
export const cli = {
  unknownCommand: 'Unknown command "{{name}}".',
  badLanguage: '--lang is en or fr, not "{{value}}".',
  wholeNumber: '--{{option}} must be a whole number of at least {{min}}, not "{{value}}".',
  oneOf: 'Unknown {{what}} "{{value}}". Choose one of: {{choices, join}}.',
  failed: 'Failed: {{message, problem}}',
  diverged: 'Diverged: {{message, problem}}',
  done: 'Done: {{message, problem}}',
  stopped: 'Stopped: {{message, problem}}',
  interrupted: 'Interrupted: {{message, problem}}',
  learningRateLowered: 'Learning rate lowered to {{learningRate, decimal}} ({{reason, problem}}).',
  runEnded: 'Run {{id}}: {{message, problem}}',
  totalTime: 'Total time: {{seconds, decimal(minimumFractionDigits: 1)}} s.',
  warning: 'Warning: {{message, problem}}',
  exportNotLogged: 'The export is not logged in {{file}}: {{reason, problem}}.',
  runNotRecorded: 'The run cannot be recorded: {{reason, problem}}.',
} as const;
