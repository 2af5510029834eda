import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../compile/errors';
import { analyzeGraph } from '../model/analyze';
import type { ExportError } from '../model/codegen/export-error';
import { planGraph } from '../model/codegen/plan';
import { LocalizedError } from '../model/localized';
import { catalogue, languages, namespaces, problem, type Problem } from './catalogue';
import { createTranslator, memoryText, problemText, problemTexts } from './translate';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The TypeScript sources of core and of the renderer, tests and the catalogue itself left out. */
function sources(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        found.push({ file: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(root, 'core'));
  walk(join(root, 'renderer/src'));
  return found.filter((s) => !s.file.startsWith('core/i18n/en/') && !s.file.startsWith('core/i18n/fr/'));
}

type Tree = Record<string, Record<string, string>>;
const keysOf = (tree: Tree) => Object.entries(tree).flatMap(([ns, keys]) => Object.keys(keys).map((k) => `${ns}:${k}`));
const vars = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();
/** A key without its plural or context form: `params:int_block` → `params:int`. */
const base = (key: string) => key.replace(/_[A-Za-z]+$/, '');

describe('the message catalogue of core', () => {
  it('has every key in every language, with the same parameters', () => {
    const english = keysOf(catalogue.en as unknown as Tree).sort();
    expect(english.length).toBeGreaterThan(100);
    for (const language of languages) {
      const tree = catalogue[language] as unknown as Tree;
      expect(keysOf(tree).sort(), `keys of ${language}`).toEqual(english);
      for (const key of english) {
        const [ns, k] = key.split(':');
        expect(vars(tree[ns][k]), `parameters of ${key} in ${language}`).toEqual(vars((catalogue.en as unknown as Tree)[ns][k]));
        if (language !== 'en' && tree[ns][k].split(' ').length > 2)
          expect(tree[ns][k], `${key} is translated`).not.toBe((catalogue.en as unknown as Tree)[ns][k]);
      }
    }
  });

  it('uses every key somewhere in core or the renderer, and every code written there is a key', () => {
    const all = sources();
    const code = all.map((s) => s.text).join('\n');
    // Keys chosen inside a sentence by a parameter: `$t(graph:outputWant_{{want}})` uses every `graph:outputWant_…`.
    const nested = Object.values(catalogue.en as unknown as Tree)
      .flatMap((keys) => Object.values(keys))
      .flatMap((text) => [...text.matchAll(/\$t\((\w+:\w+)_\{\{/g)].map((m) => m[1]));
    const unused = keysOf(catalogue.en as unknown as Tree).filter((key) => !code.includes(`'${base(key)}'`) && !nested.includes(base(key)));
    expect(unused).toEqual([]);

    const known = new Set(keysOf(catalogue.en as unknown as Tree).map(base));
    const written = [...code.matchAll(new RegExp(`'((?:${namespaces.join('|')}):[A-Za-z]+)'`, 'g'))].map((m) => m[1]);
    expect(written.length).toBeGreaterThan(60);
    expect(written.filter((w) => !known.has(w))).toEqual([]);
  });

  it('renders a problem as one sentence in each language, plurals and numbers as each language writes them', () => {
    const one = problem('graph:outputUnitsClasses', { id: 'out', count: 1, classes: 3, fix: 'set' });
    expect(problemTexts(one)).toEqual({
      en: 'The output block "out" has 1 unit but the data set has 3 classes: set `units` to 3.',
      fr: 'Le bloc de sortie « out » a 1 unité, mais le jeu de données a 3 classes : réglez `units` sur 3.',
    });
    const many = problem('graph:outputUnitsClasses', { id: 'out', count: 4, classes: 3, fix: 'dense' });
    expect(problemText(many, 'fr-FR')).toBe(
      'Le bloc de sortie « out » a 4 unités, mais le jeu de données a 3 classes : terminez le modèle par un bloc Dense de 3 unités.',
    );
    // A decimal number: a point in English, a comma in French.
    const rate = problem('params:floatMinBelow', { name: 'rate', min: 0.05, max: 1, got: '1.5' });
    expect(problemText(rate, 'en')).toBe('`rate` must be a number at least 0.05 and less than 1 (got 1.5).');
    expect(problemText(rate, 'fr')).toBe('`rate` doit être un nombre au moins égal à 0,05 et inférieur à 1 (valeur reçue : 1.5).');
    expect(problemText(problem('cli:totalTime', { seconds: 12 }), 'en')).toBe('Total time: 12.0 s.');
    expect(problemText(problem('cli:totalTime', { seconds: 3.4 }), 'fr')).toBe('Durée totale : 3,4 s.');
    expect(memoryText(1.5e9, 'en')).toBe('1.5 GB');
    expect(memoryText(1.5e9, 'fr')).toBe('1,5 Go');
    expect(memoryText(320e6, 'fr')).toBe('320 Mo');
    // Lists of ids stay short, and say how many more there are in the language's words.
    const ids = Array.from({ length: 9 }, (_, i) => `d${i + 1}`);
    expect(problemText(problem('graph:cycle', { id: 'd1', cycle: ids }), 'fr')).toContain(
      '(d1 → d2 → d3 → d4 → d5 → d6 → d7 → d8 et 1 autre)',
    );
    expect(createTranslator('fr').t('graph:empty')).toBe(
      'Le graphe est vide : faites glisser un bloc Input sur le canevas pour commencer.',
    );
  });

  it('builds a LocalizedError from a problem, its message and French from the catalogue', () => {
    const error = new LocalizedError(problem('cli:wholeNumber', { option: 'epochs', min: 1, value: 'zero' }));
    expect(error.message).toBe('--epochs must be a whole number of at least 1, not "zero".');
    expect(error.fr).toBe('--epochs doit être un nombre entier d’au moins 1, et non « zero ».');
    expect(error.problem?.code).toBe('cli:wholeNumber');
  });

  it('makes a graph issue carry its problem, with the same sentences as before', () => {
    const analysis = analyzeGraph({
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [4] } },
        { id: 'd', type: 'Dense', params: { units: 0 } },
      ],
      edges: [{ source: 'in', target: 'd' }],
    });
    const [error] = analysis.errors;
    expect(error.problem).toEqual({
      code: 'params:int',
      params: { name: 'units', min: 1, max: 100_000, got: '0', context: 'block', type: 'Dense', id: 'd' },
    });
    expect(problemTexts(error.problem)).toEqual({
      en: 'Dense "d": `units` must be a whole number between 1 and 100000 (got 0).',
      fr: 'Dense « d » : `units` doit être un nombre entier entre 1 et 100000 (valeur reçue : 0).',
    });
    // The problem travels as JSON and renders the same on the other side.
    // The issue travels as its problem, without sentences beside it, and renders the same on the other side.
    const received = JSON.parse(JSON.stringify(error)) as { problem: Problem };
    expect(Object.keys(received).sort()).toEqual(['code', 'nodeId', 'param', 'problem', 'severity']);
    expect(problemText(received.problem, 'en')).toBe('Dense "d": `units` must be a whole number between 1 and 100000 (got 0).');

    // The error that stops a build lists the same problems, each in the error's language.
    const two = analyzeGraph({
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [4] } },
        { id: 'd', type: 'Dense', params: { units: 0, activaton: 'relu' } },
      ],
      edges: [{ source: 'in', target: 'd' }],
    });
    const built = new GraphError(two.errors);
    expect(built.fr).toBe(
      'Le modèle ne peut pas être construit ; corrigez d’abord ces 2 problèmes :\n- Dense « d » : `units` doit être un nombre entier entre 1 et 100000 (valeur reçue : 0).\n- Dense « d » : Ce bloc n’a pas de paramètre `activaton` ; vouliez-vous dire `activation` ?',
    );
    // So does the refusal to export a broken graph, each problem after its block.
    let refused: unknown;
    try {
      planGraph({
        nodes: two.order.map((id) => ({
          id,
          type: two.nodes[id].type,
          params: id === 'd' ? { units: 0, activaton: 'relu' } : { shape: [4] },
        })),
        edges: [{ source: 'in', target: 'd' }],
      });
    } catch (e) {
      refused = e;
    }
    expect((refused as ExportError).fr).toBe(
      'Le graphe a des erreurs : il ne peut donc être ni exporté ni traduit en code. Corrigez-les d’abord :\n  - [d] Dense « d » : `units` doit être un nombre entier entre 1 et 100000 (valeur reçue : 0).\n  - [d] Dense « d » : Ce bloc n’a pas de paramètre `activaton` ; vouliez-vous dire `activation` ?',
    );
    expect(new GraphError([error]).message).toBe(
      'The model cannot be built: Dense "d": `units` must be a whole number between 1 and 100000 (got 0).',
    );
  });

  it('refuses a code that is not a key, or a sentence without its parameters, at compile time', () => {
    // @ts-expect-error: not a key of the catalogue
    expect(problemText({ code: 'graph:noSuchKey', params: {} }, 'en')).toBe('noSuchKey');
    // @ts-expect-error: graph:cycle needs `id` and `cycle`
    problem('graph:cycle', { id: 'x' });
  });
});
