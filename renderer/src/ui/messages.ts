// The application's own messages: the skip link and the language picker (the `ui-app` namespace).

export const appMessagesEn = {
  app: { skip: 'Skip to content' },
  language: { label: 'Language' },
};

export const appMessagesFr: typeof appMessagesEn = {
  app: { skip: 'Aller au contenu' },
  language: { label: 'Langue' },
};
