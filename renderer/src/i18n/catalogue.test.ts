import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../core/i18n/catalogue';
import { blockCategories } from '../../../core/model/block';
import { builtinDatasets } from '../../../core/model/project';
import { interfaceCatalogue, resources } from './resources';

// The sources that say things: the renderer's and core's, tests and this folder's own notes left out.
const sources = Object.entries({
  ...import.meta.glob<string>('../**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('../../../core/**/*.ts', { query: '?raw', import: 'default', eager: true }),
}).filter(([file]) => !/\.test\.tsx?$/.test(file) && !file.startsWith('./'));

type Tree = { readonly [key: string]: string | Tree };

/** Every message of a language as `namespace:key.path`, plural and context forms as they are written. */
function keysOf(language: 'en' | 'fr'): string[] {
  const leaves = (tree: Tree, prefix: string): string[] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
  return Object.entries(resources[language] as Record<string, Tree>).flatMap(([ns, tree]) => leaves(tree, `${ns}:`));
}

const namespaces = Object.keys(resources.en);
const nsPattern = namespaces.map((ns) => ns.replace(/-/g, '\\-')).join('|');
const withoutPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const withoutContext = (key: string) => key.replace(/_[A-Za-z]+$/, '');

/**
 * Keys built from a value (`ui-editor:category.${category}`): each, as the source writes it, with
 * the values it takes. A key built in the source and missing here fails the test, so that no key
 * is taken as used, or as existing, without being named.
 */
/** Every state a run can be in, as the runs' messages name them. */
const runStates = ['running', 'completed', 'stopped', 'earlyStopped', 'diverged', 'interrupted', 'failed'];

const built: Record<string, readonly string[]> = {
  'ui-editor:category.${category}': blockCategories,
  'ui-train:tab.${name}': ['data', 'train', 'evaluate', 'try', 'runs'],
  'ui-export:formats.${name}': ['tfjs', 'onnx', 'pytorch', 'keras', 'notebook', 'web'],
  'ui-export:formatHelp.${name}': ['tfjs', 'onnx', 'pytorch', 'keras', 'notebook', 'web'],
  'ui-export:code.${lang}': ['keras', 'pytorch'],
  'ui-export:code.${language}': ['keras', 'pytorch'],
  'ui-data:builtinDescription.${d.name}': builtinDatasets,
  'ui-data:builtinName.${d.name}': builtinDatasets,
  'ui-data:builtinDescription.${name}': builtinDatasets,
  'ui-data:builtinName.${name}': builtinDatasets,
  'ui-data:builtinName.${dataset.name}': builtinDatasets,
  'ui-data:builtinName.${value}': builtinDatasets,
  "ui-train:final.${final.state === 'early-stopped' ? 'earlyStopped' : final.state}": [
    'completed',
    'stopped',
    'earlyStopped',
    'diverged',
    'failed',
    'interrupted',
  ],
  'ui-inside:explain.${explanationOf(output)}': ['input', 'conv', 'pooling', 'dropout', 'maps', 'flatten', 'dense', 'output', 'vector'],
  "ui-try:runModel.state.${run.status === 'early-stopped' ? 'earlyStopped' : run.status}": [
    'running',
    'stopped',
    'earlyStopped',
    'diverged',
    'interrupted',
    'failed',
  ],
  'ui-try:runModel.${w}': ['ended', 'best', 'last'],
  'ui-camera:${error.key}': ['denied', 'unavailable'],
  'ui-camera:${problem}': ['needTwo', 'badNames'],
  'ui-data:${advice.conversion}': ['toGrey', 'toColour', 'resizedOnly'],
  "ui-runs:state.${status === 'early-stopped' ? 'earlyStopped' : status}": runStates,
  "ui-runs:state.${run.status === 'early-stopped' ? 'earlyStopped' : run.status}": runStates,
  'ui-runs:runHistory.datasetKind.${value}': ['builtin', 'imageFolder', 'csv'],
  'ui-runs:runHistory.change.${change.kind}': ['added', 'removed', 'type', 'param', 'connected', 'disconnected'],
  'ui-runs:runHistory.badge.${mark.mark}': ['added', 'removed', 'changed'],
  'ui-train:${setting.key}': ['learningRate', 'batchSize', 'epochs', 'validationSplit', 'seed'],
  'ui-data:${picker.label}': ['importFolder', 'importCsv', 'importIdx', 'importCifar'],
  'ui-runs:runHistory.row.${row.key}': ['status', 'epochsTrained', 'bestVal', 'testAccuracy', 'duration', 'params', 'graphVersion', 'date'],
};

/** Keys looked up by a setting's path with a fallback when there is no label (`training.learningRate`): every label there is. */
const labelledSettings = 'ui-runs:runHistory.key.${key}';

/** What the sources use: literal keys, keys built from a value, and core's sentences nested in sentences (`$t(graph:units_{{units}})`). */
function usedKeys(): { used: Set<string>; unnamed: string[] } {
  const used = new Set<string>();
  const unnamed: string[] = [];
  const english = new Set(keysOf('en'));
  for (const [, text] of sources) {
    for (const m of text.matchAll(new RegExp(`['"\`]((?:${nsPattern}):[A-Za-z0-9_.-]*)['"\`]`, 'g'))) used.add(m[1]);
    for (const m of text.matchAll(new RegExp(`\\$t\\(((?:${nsPattern}):[A-Za-z0-9.]+)(?:_\\{\\{\\w+\\}\\})?\\)`, 'g'))) used.add(m[1]);
    for (const m of text.matchAll(new RegExp(`\`((?:${nsPattern}):[^\`]*\\$\\{[^\`]*)\``, 'g'))) {
      const template = m[1];
      // A data URL (`data:image/png;base64,…`) is not a key of the `data` namespace.
      if (/^data:[a-z]+\//.test(template)) continue;
      if (template === labelledSettings) {
        const prefix = template.replace('${key}', '');
        for (const key of english) if (key.startsWith(prefix)) used.add(key);
      } else if (built[template]) for (const value of built[template]) used.add(template.replace(/\$\{.*\}/, value));
      else unnamed.push(template);
    }
  }
  return { used, unnamed };
}

describe('the messages of the interface and of core', () => {
  it('has every key in English and in French, in every namespace, core’s included', () => {
    expect(Object.keys(resources.fr)).toEqual(namespaces);
    const en = keysOf('en');
    const fr = keysOf('fr');
    expect(en.length).toBeGreaterThan(800);
    expect(en.filter((k) => !fr.includes(k))).toEqual([]);
    expect(fr.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('gives the interface’s namespaces names that core’s can never take', () => {
    expect(Object.keys(interfaceCatalogue.en).filter((ns) => !ns.startsWith('ui-') || ns in catalogue.en)).toEqual([]);
    expect(Object.keys(catalogue.en).filter((ns) => ns.startsWith('ui-'))).toEqual([]);
  });

  it('uses every key it defines somewhere in the renderer or in core, counting plural and context forms', () => {
    const { used, unnamed } = usedKeys();
    expect(unnamed).toEqual([]);
    const unused = keysOf('en').filter((key) => {
      const base = withoutPlural(key);
      return !used.has(key) && !used.has(base) && !used.has(withoutContext(base));
    });
    expect(unused).toEqual([]);
  });

  it('defines every key the sources use, those built from a value included', () => {
    const defined = new Set(keysOf('en').flatMap((key) => [key, withoutPlural(key), withoutContext(withoutPlural(key))]));
    const { used } = usedKeys();
    expect(used.size).toBeGreaterThan(700);
    expect([...used].filter((key) => !defined.has(key))).toEqual([]);
  });

  it('says sentences differently in French', () => {
    const get = (tree: object, key: string) => key.split(/[:.]/).reduce<any>((node, part) => node[part], tree) as string;
    const same = keysOf('en').filter((k) => get(resources.en, k) === get(resources.fr, k) && get(resources.en, k).split(' ').length > 2);
    expect(same).toEqual([]);
  });
});
