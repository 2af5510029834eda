// The interface's message keys as types: `t('ui-train:start')` compiles only where the key exists
// in its namespace (a missing key or a wrong namespace is a compile error), core's codes included.
import type { resources } from './resources';

type Resources = (typeof resources)['en'];

declare module 'i18next' {
  interface CustomTypeOptions {
    // Every namespace, the keys of each written after it (`ui-runs:runHistory.title`, `graph:noInput`).
    defaultNS: ['ui-app', ...Exclude<keyof Resources, 'ui-app'>[]];
    resources: Resources;
    returnNull: false;
  }
}
