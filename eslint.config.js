// Lint setup whose main job is to keep the layering true (the diagram is in the README's "Layout"):
// core never imports Electron or React; the browser-safe part of core (model, api)
// imports no Node built-ins and no TensorFlow.js at load; the layers below the services never
// import the services, the hosts or the CLI; the renderer reaches the rest only through the API
// contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const uiPackages = ['electron', 'react', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*', 'react-i18next'];
// i18next itself is plain JavaScript: core's message catalogue (core/i18n) renders problems with it.

const restrict = (paths, patterns, message) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message, allowTypeImports: true })),
      patterns: patterns.map((group) => ({ group: [group], message, allowTypeImports: true })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'playwright-report/', 'e2e/artifacts/', 'build/bundled/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: restrict(uiPackages, [], 'core/ must not import Electron or React: it is shared by the CLI, the web host and the desktop app.'),
  },
  {
    // Later entries refine this one for the browser-safe parts (a file takes the last matching rule).
    // The layers below the services (see the README's "Layout"): the model, the engines, the data,
    // the project files, the exporters and importers know nothing of the services that put them
    // behind the API, of the hosts that serve it, or of the command line.
    files: ['core/{model,compile,train,data,store,export,import,catalogue,page-train}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      uiPackages,
      ['**/services/*', '**/hosts/**', '**/cli/*', '**/cli/commands/*'],
      'The model, the engines, the data, the project files, the exporters and the importers sit below the services, the hosts and the CLI: they never import them.',
    ),
  },
  {
    files: ['core/model/**/*.ts', 'core/api/**/*.ts', 'core/i18n/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [...uiPackages, ...nodeBuiltins],
      [
        '@tensorflow/*',
        '../compile/*',
        '../train/*',
        '../data/*',
        '../store/*',
        '../export/*',
        '../import/*',
        '../catalogue/*',
        '../services/*',
        '../hosts/**',
        '../cli/*',
      ],
      'core/model, core/api and core/i18n are browser-safe: no Node built-ins, no TensorFlow.js at load (use `import type`), no Node-side core modules.',
    ),
  },
  {
    // The page's GPU engine runs in the browser: no Node built-ins, and only the browser-safe
    // modules of core (the training loop, the data types, the model) besides TensorFlow.js.
    files: ['core/page-train/**/*.ts', 'core/train/loop.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [...uiPackages, ...nodeBuiltins],
      [
        '**/store/*',
        '**/services/*',
        '**/hosts/**',
        '**/cli/*',
        '**/export/*',
        '**/data/load',
        '**/train/run',
        '**/train/session',
        '**/train/backend/*',
      ],
      'The page engine (core/page-train, core/train/loop) runs in a browser: no Node built-ins, no Node-side core modules.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      [...nodeBuiltins, 'electron'],
      [
        '**/core/compile/*',
        '**/core/train/*',
        '**/core/data/*',
        '**/core/store/*',
        '**/core/export/*',
        '**/core/import/*',
        '**/core/catalogue/*',
        '**/core/services/*',
        '**/core/hosts/**',
        '**/core/cli/*',
        '@tensorflow/*',
        '**/electron/*',
      ],
      'The renderer talks to the rest only through the typed API (core/api) and may use the browser-safe core/model.',
    ),
  },
  {
    // Each Playwright worker starts its own web host through the fixtures; a spec that took `test`
    // straight from Playwright would find none. (The desktop spec launches Electron instead.)
    files: ['e2e/**/*.ts'],
    ignores: ['e2e/fixtures.ts', 'e2e/electron.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test'],
              message: "Import `test` from './fixtures': it starts this worker's web host.",
            },
          ],
        },
      ],
    },
  },
);
