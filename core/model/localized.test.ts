import { describe, expect, it } from 'vitest';
import { DataError } from '../data/types';
import { problem } from '../i18n/catalogue';
import { problemTexts } from '../i18n/translate';
import { NetworkImportError } from '../import/import-network';
import { ImportError } from '../import/types';
import { StoreError } from '../store/errors';
import { ExportError } from './codegen/export-error';
import { errorProblem, errorTexts, LocalizedError } from './localized';

describe('errors are built from problems of the catalogue only', () => {
  it('refuses, by type, a plain text or texts in two languages in every error of core', () => {
    const texts = { en: 'Choose a data set.', fr: 'Choisissez un jeu de données.' };
    const refused = [
      // @ts-expect-error a LocalizedError is built from a problem
      () => new LocalizedError('Choose a data set.'),
      // @ts-expect-error nor from texts in two languages
      () => new LocalizedError(texts),
      // @ts-expect-error a StoreError is built from a problem
      () => new StoreError('invalid', texts),
      // @ts-expect-error a DataError is built from a problem
      () => new DataError(texts),
      // @ts-expect-error an ExportError is built from a problem
      () => new ExportError('cannot export'),
      // @ts-expect-error a NetworkImportError is built from a problem
      () => new NetworkImportError(texts, 'refused'),
      // @ts-expect-error an ImportError is built from a problem
      () => new ImportError(texts),
    ];
    expect(refused).toHaveLength(7);
  });

  it('takes its message and its French from the catalogue, and keeps the problem', () => {
    const error = new StoreError('not-found', problem('store:notFound', { path: 'course.nbproj' }));
    expect(error.message).toBe('course.nbproj does not exist.');
    expect(error.fr).toBe(problemTexts(error.problem).fr);
    expect(error.fr).toContain('course.nbproj');
    expect(error.fr).not.toBe(error.message);
    expect(errorTexts(error)).toEqual(problemTexts(problem('store:notFound', { path: 'course.nbproj' })));
    expect(errorProblem(error)).toEqual({ code: 'store:notFound', params: { path: 'course.nbproj' } });
  });

  it('carries the words of a library, as they were said, inside a sentence of the catalogue', () => {
    const library = new Error('EACCES: permission denied, open /data/x.csv');
    const said = errorProblem(library);
    expect(said).toEqual({ code: 'project:errorText', params: { text: 'EACCES: permission denied, open /data/x.csv' } });
    expect(problemTexts(said)).toEqual({ en: library.message, fr: library.message });
    const nested = problemTexts(problem('train:notRecorded', { file: 'course.nbproj', why: said }));
    expect(nested.en).toBe('The run could not be recorded in course.nbproj: EACCES: permission denied, open /data/x.csv');
    expect(nested.fr).toContain('course.nbproj');
    expect(nested.fr).toContain('EACCES: permission denied');
    expect(nested.fr).not.toBe(nested.en);
    // An error that crossed the API as plain data keeps its problem: its texts come from it.
    const crossed = JSON.parse(JSON.stringify({ message: 'x', problem: problem('api:connectionLost', {}) })) as unknown;
    expect(errorTexts(crossed).fr).toBe(
      'La connexion à Neuroblocks a été perdue. Rechargez la page (ou relancez l’application) pour vous reconnecter.',
    );
  });
});
