// The message catalogue of core: every sentence that core's problems are told in, one namespace per
// feature, in English and in French, and the types that make a problem's code one of its keys.
// Browser-safe: the editor renders the same codes as the command line.
import { augment as augmentEn } from './en/augment';
import { bases as basesEn } from './en/bases';
import { api as apiEn } from './en/api';
import { cli as cliEn } from './en/cli';
import { data as dataEn } from './en/data';
import { format as formatEn } from './en/format';
import { graph as graphEn } from './en/graph';
import { importing as importEn } from './en/import';
import { exportNs as exportEn } from './en/export';
import { inference as inferenceEn } from './en/inference';
import { params as paramsEn } from './en/params';
import { project as projectEn } from './en/project';
import { shapes as shapesEn } from './en/shapes';
import { store as storeEn } from './en/store';
import { augment as augmentFr } from './fr/augment';
import { bases as basesFr } from './fr/bases';
import { api as apiFr } from './fr/api';
import { cli as cliFr } from './fr/cli';
import { data as dataFr } from './fr/data';
import { format as formatFr } from './fr/format';
import { graph as graphFr } from './fr/graph';
import { importing as importFr } from './fr/import';
import { train as trainEn } from './en/train';
import { exportNs as exportFr } from './fr/export';
import { inference as inferenceFr } from './fr/inference';
import { params as paramsFr } from './fr/params';
import { project as projectFr } from './fr/project';
import { shapes as shapesFr } from './fr/shapes';
import { store as storeFr } from './fr/store';
import { train as trainFr } from './fr/train';

const en = {
  graph: graphEn,
  params: paramsEn,
  shapes: shapesEn,
  cli: cliEn,
  format: formatEn,
  data: dataEn,
  augment: augmentEn,
  store: storeEn,
  import: importEn,
  bases: basesEn,
  project: projectEn,
  api: apiEn,
  train: trainEn,
  export: exportEn,
  inference: inferenceEn,
};
const fr: { [N in keyof typeof en]: { readonly [K in keyof (typeof en)[N]]: string } } = {
  graph: graphFr,
  params: paramsFr,
  shapes: shapesFr,
  cli: cliFr,
  format: formatFr,
  data: dataFr,
  augment: augmentFr,
  store: storeFr,
  import: importFr,
  bases: basesFr,
  project: projectFr,
  api: apiFr,
  train: trainFr,
  export: exportFr,
  inference: inferenceFr,
};

/** Every namespace in every language, as i18next takes its resources. */
export const catalogue = { en, fr } as const;

export type Language = keyof typeof catalogue;
export const languages = Object.keys(catalogue) as Language[];
export type Namespace = keyof typeof en;
export const namespaces = Object.keys(en) as Namespace[];

/** The English sentences of each code (`train:pageNoWebGpu`), a plural or context form's under its base code: what a problem read from outside (a page, a file) is checked against. */
export const sentencesByCode: ReadonlyMap<string, readonly string[]> = (() => {
  const sentences = new Map<string, string[]>();
  for (const [ns, keys] of Object.entries(en))
    for (const [key, text] of Object.entries(keys as Record<string, string>)) {
      const code = `${ns}:${key.replace(/_[A-Za-z]+$/, '')}`;
      sentences.set(code, [...(sentences.get(code) ?? []), text]);
    }
  return sentences;
})();

type English = typeof en;
/**
 * A key without what i18next adds to choose among its forms: a plural (`_one`, `_other`) or a
 * context (`_block`, the form that opens with the block; `_classes`, a part chosen by a parameter).
 */
type BaseKey<K extends string> = K extends `${infer B}_${string}` ? B : K;
/** The `{{name}}` and `{{name, format}}` parameters of a sentence. */
type Vars<S> = S extends `${string}{{${infer V}}}${infer Rest}` ? (V extends `${infer Name},${string}` ? Name : V) | Vars<Rest> : never;

/** A problem's code: `namespace:key`, where the key exists in the catalogue (anything else is a type error). */
export type Code = { [N in Namespace]: `${N}:${BaseKey<keyof English[N] & string>}` }[Namespace];

type Sentences<C extends Code> = C extends `${infer N extends Namespace}:${infer B}`
  ? { [K in keyof English[N] & string]: K extends B | `${B}_one` | `${B}_other` ? English[N][K] : never }[keyof English[N] & string]
  : never;

/** What a parameter of a problem may be: it travels as JSON, so plain data only. */
export type ProblemValue =
  string | number | boolean | null | readonly ProblemValue[] | { readonly [key: string]: ProblemValue | undefined };

/** The parameters of a code: every `{{name}}` its sentences use (more are allowed, for the parts it chooses and their own). */
export type ProblemParams<C extends Code> = { [V in Vars<Sentences<C>>]: ProblemValue } & {
  readonly [name: string]: ProblemValue | undefined;
};

/** A problem as core reports it: what it is (a code of the catalogue) and its particulars, never prose. */
export type Problem = { [C in Code]: { code: C; params: ProblemParams<C> } }[Code];

/** A problem, its parameters checked against the sentences of its code. */
export function problem<C extends Code>(code: C, params: ProblemParams<C>): Problem {
  return { code, params } as Problem;
}
