import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { addInterfaceFormatters } from './formatters';
import { interfaceCatalogue } from '../i18n/resources';
import { frenchSpacing, frenchSpacingProcessor } from './typography';

const { en, fr } = interfaceCatalogue;

function textsOf(tree: object): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : textsOf(v as object)));
}

describe('French typography', () => {
  it('puts no-break spaces before : ; ! ? % and inside guillemets', () => {
    expect(frenchSpacing('Calcul sur : wasm ; 95,0 % ! Vraiment ? « oui »')).toBe(
      'Calcul sur\u00a0: wasm\u202f; 95,0\u202f%\u202f! Vraiment\u202f? «\u202foui\u202f»',
    );
    expect(frenchSpacing('42 358 paramètres, 10 000 exemples, lot 32, 1 000 000')).toBe(
      '42\u202f358 paramètres, 10\u202f000 exemples, lot 32, 1\u202f000\u202f000',
    );
    // Times, addresses and Keras code keep their colons.
    expect(frenchSpacing('10:26, http://127.0.0.1:8080, {"l2": 0.001}')).toBe('10:26, http://127.0.0.1:8080, {"l2": 0.001}');
  });

  it('leaves no breakable space before those signs in any French message, values included', () => {
    const instance = i18next.createInstance();
    void instance.use(frenchSpacingProcessor).init({
      resources: { fr },
      ns: Object.keys(fr),
      lng: 'fr',
      postProcess: ['frenchSpacing'],
      interpolation: { escapeValue: false },
      initImmediate: false,
    });
    const keys = (tree: object, prefix: string): string[] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === 'string' ? [`${prefix}${k.replace(/_(one|other)$/, '')}`] : keys(v as object, `${prefix}${k}.`),
      );
    const all = [...new Set(Object.entries(fr).flatMap(([ns, tree]) => keys(tree, `${ns}:`)))];
    expect(all.length).toBeGreaterThan(500);
    // Every message, with values that carry their own breakable spaces (as an error's text does).
    const texts = all.map((key) => instance.t(key, { count: 2, reason: 'il manque : torch ?', accuracy: '95,0 %', defaultValue: '' }));
    expect(texts.filter((t) => / [:;!?%»]/.test(t) || /« /.test(t))).toEqual([]);
    expect(instance.t('ui-train:engine.unavailable', { reason: 'Python 3.11 n’a pas torch : installez-le' })).toBe(
      'PyTorch ne peut pas être utilisé\u00a0: Python 3.11 n’a pas torch\u00a0: installez-le',
    );
  });

  it('leaves English as it is', () => {
    const instance = i18next.createInstance();
    void instance
      .use(frenchSpacingProcessor)
      .init({ resources: { en }, ns: Object.keys(en), lng: 'en', postProcess: ['frenchSpacing'], initImmediate: false });
    expect(instance.t('ui-train:backend', { backend: 'wasm', device: 'CPU (1 thread; x)' })).toBe('Computes on: wasm — CPU (1 thread; x)');
  });
});

describe('French words of the interface', () => {
  it('says "exactitude" for accuracy and keeps "précision" for precision', () => {
    const texts = textsOf(fr);
    expect(texts.filter((t) => /précision/i.test(t))).toEqual([fr['ui-evaluate'].precision, fr['ui-evaluate'].metricsHint]);
    expect(fr['ui-train'].chart.accuracy).toMatch(/^Exactitude/);
    expect(fr['ui-runs'].bestVal).toBe('Meilleure exactitude de validation');
  });

  it('has none of the interface’s common English words left', () => {
    const sentinels = /\b(default|weight decay|device|accuracy|epochs?|true|false|threads?|cores?|validation split|learning rate)\b/i;
    expect(textsOf(fr).filter((t) => sentinels.test(t.replace(/\{\{[^}]*\}\}/g, '')))).toEqual([]);
  });
});

describe('plurals', () => {
  const instance = i18next.createInstance();
  void instance.use(frenchSpacingProcessor).init({
    resources: interfaceCatalogue,
    ns: Object.keys(en),
    lng: 'fr',
    fallbackLng: 'en',
    postProcess: ['frenchSpacing'],
    interpolation: { escapeValue: false },
    initImmediate: false,
  });
  addInterfaceFormatters(instance);
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

  it('counts one mistake, one sample and one epoch in the singular, in both languages', () => {
    const fr = instance.getFixedT('fr');
    const en = instance.getFixedT('en');
    expect(fr('ui-evaluate:mistakes.shown', { count: 1, shown: 1, total: 1 })).toBe('La seule erreur.');
    expect(en('ui-evaluate:mistakes.shown', { count: 1, shown: 1, total: 1 })).toBe('The only mistake.');
    expect(fr('ui-evaluate:mistakes.shown', { count: 40, shown: 24, total: 40 })).toBe('Les 24 plus sûres de 40 erreurs.');
    expect(fr('ui-evaluate:cell', { count: 1, actual: '3', predicted: '5' })).toBe('1 exemple de 3 répondu 5');
    expect(en('ui-evaluate:cell', { count: 2, actual: '3', predicted: '5' })).toBe('2 samples of 3 answered as 5');
    const settings = { optimizer: 'adam', rate: 0.001, batch: 16, epochs: 1, planned: 1, count: 1 };
    expect(plain(fr('ui-runs:settingsText', settings))).toBe('adam, taux 0,001, lot 16, 1/1 époque');
    expect(en('ui-runs:settingsText', settings)).toBe('adam, rate 0.001, batch 16, 1/1 epoch');
  });

  it('writes the numbers of sentences as each language does, with i18next’s number format, and their plurals by count', () => {
    const fr = instance.getFixedT('fr');
    const en = instance.getFixedT('en');
    expect(en('ui-editor:node.params', { count: 42358 })).toBe('42,358 parameters');
    expect(en('ui-editor:node.params', { count: 1 })).toBe('1 parameter');
    expect(fr('ui-editor:node.params', { count: 42358 })).toBe('42\u202f358 paramètres');
    expect(en('ui-runs:runHistory.params', { count: 1 })).toBe('1 parameter');
    expect(fr('ui-runs:runHistory.params', { count: 1200 })).toBe('1\u202f200 paramètres');
    expect(en('ui-train:phase.base', { images: 2000, of: 60000 })).toBe('Computing the frozen base once: 2,000 of 60,000 images…');
    expect(plain(fr('ui-network:sending', { sent: 1.25, size: 12 }))).toBe('Envoi du fichier : 1,3 sur 12,0 Mo…');
    expect(plain(fr('ui-data:downloading', { file: 'train.gz', received: 2.5, total: 9.91 }))).toBe(
      'Téléchargement de train.gz : 2,5 Mo sur 9,9…',
    );
    expect(en('ui-data:downloading', { file: 'train.gz', received: 2.5, context: 'unknownSize' })).toBe('Downloading train.gz: 2.5 MB…');
  });
});
