import { describe, expect, it } from 'vitest';
import { exampleText, frenchExampleTexts } from './example-texts';

const exampleIds = Object.keys(import.meta.glob('../../../projects/*.json')).map((file) => file.replace(/^.*\/|\.json$/g, ''));

describe('example texts', () => {
  it('every example has a French name and description, and no translation is left for an example that is gone', () => {
    expect(Object.keys(frenchExampleTexts).sort()).toEqual([...exampleIds].sort());
  });

  it('French when the interface is French, the example’s own text otherwise', () => {
    const example = { id: 'mnist-cnn', name: 'MNIST CNN', description: 'The course’s network.' };
    expect(exampleText(example, 'fr').name).toBe('CNN MNIST');
    expect(exampleText(example, 'en')).toEqual({ name: 'MNIST CNN', description: 'The course’s network.' });
    expect(exampleText({ id: 'mine', name: 'Mine' }, 'fr')).toEqual({ name: 'Mine', description: undefined });
  });
});
