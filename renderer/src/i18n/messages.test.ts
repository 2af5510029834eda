import { describe, expect, it } from 'vitest';
import { blockCategories } from '../../../core/model/block';
import { en } from './en';
import { fr } from './fr';

// The renderer's sources as text, to find every message key they use.
const sources = import.meta.glob<string>('../**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v as object, `${prefix}${k}.`)));
}

const known = new Set(keysOf(en).map((k) => k.replace(/_(one|other)$/, '')));

describe('interface messages', () => {
  it('every key the interface uses exists in English (and so, by type, in French)', () => {
    const used = new Set<string>();
    for (const [file, text] of Object.entries(sources)) {
      if (file.endsWith('.test.ts')) continue;
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(match[1]);
      for (const match of text.matchAll(/key: '([a-zA-Z]+\.[a-zA-Z]+)'/g)) used.add(match[1]);
      for (const match of text.matchAll(/'(connect\.[a-zA-Z]+)'/g)) used.add(match[1]);
    }
    for (const category of blockCategories) used.add(`category.${category}`);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('French says something different from English for sentences', () => {
    const enKeys = keysOf(en);
    const get = (tree: object, key: string) => key.split('.').reduce<any>((node, part) => node[part], tree) as string;
    const same = enKeys.filter((k) => get(en, k) === get(fr, k) && get(en, k).split(' ').length > 2);
    expect(same).toEqual([]);
  });
});
