import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { interfaceCatalogue } from '../i18n/resources';
import { settingValue } from './run-text';

async function translator(language: 'en' | 'fr') {
  const i18n = createInstance();
  await i18n.init({ lng: language, resources: interfaceCatalogue });
  return i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
}

describe('a run setting in words', () => {
  it('names the built-in data set and its kind in the interface language', async () => {
    const t = await translator('fr');
    expect(settingValue(t, 'builtin', 'dataset.kind', 'fr')).toBe('Jeu fourni');
    expect(settingValue(t, 'mnist', 'dataset.name', 'fr')).toBe('Chiffres MNIST');
    expect(settingValue(t, 'csv', 'dataset.kind', 'fr')).toBe('Tableau CSV');
    const tEn = await translator('en');
    expect(settingValue(tEn, 'imageFolder', 'dataset.kind', 'en')).toBe('Image folder');
  });

  it('writes numbers as the language does and keeps other values as they are', async () => {
    const t = await translator('fr');
    expect(settingValue(t, 0.001, 'training.learningRate', 'fr')).toBe('0,001');
    expect(settingValue(t, true, 'training.nesterov', 'fr')).toBe('oui');
    expect(settingValue(t, undefined, 'training.seed', 'fr')).toBe('—');
    expect(settingValue(t, 'adam', 'training.optimizer', 'fr')).toBe('adam');
    expect(settingValue(t, 'digits/train', 'dataset.path', 'fr')).toBe('digits/train');
  });
});
