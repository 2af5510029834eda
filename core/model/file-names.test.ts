import { describe, expect, it } from 'vitest';
import { problemTexts } from '../i18n/translate';
import { fileNameIssue, portableFileName } from './file-names';

/** The sentences of why a name is refused, in both languages (undefined: it is accepted). */
const fileNameProblem = (name: string) => {
  const issue = fileNameIssue(name);
  return issue && problemTexts(issue);
};

describe('file names every platform can hold', () => {
  it('refuses the names Windows reserves for devices, with any extension and in any case', () => {
    for (const name of [
      'CON',
      'con.json',
      'Nul.nbproj',
      'PRN.csv',
      'aux',
      'COM1',
      'com9.json',
      'LPT1.nbproj',
      'lpt9',
      'COM¹.json',
      'NUL .json',
      'CON.tar.gz',
    ])
      expect(fileNameProblem(name)?.en, name).toMatch(/is a name Windows reserves for a device/);
    expect(fileNameIssue('nul.json')?.code).toBe('project:nameReserved');
    expect(fileNameProblem('nul.json')?.fr).toBe(
      '« nul.json » est un nom que Windows réserve à un périphérique (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, quelle que soit l’extension) : le fichier ne pourrait pas y être ouvert',
    );
  });

  it('refuses trailing dots and spaces, forbidden characters and empty names', () => {
    expect(fileNameProblem('project.')?.en).toContain('ends with a dot or a space');
    expect(fileNameProblem('project.json ')?.en).toContain('ends with a dot or a space');
    expect(fileNameProblem('a:b.json')?.en).toContain('contains a character that file names cannot hold');
    expect(fileNameProblem('tab\there.json')?.en).toContain('control character');
    for (const name of ['', '.', '..']) expect(fileNameProblem(name)?.en).toContain('is not a file name');
    expect(fileNameProblem('x'.repeat(256))?.en).toContain('255 characters');
  });

  it('accepts ordinary names, including ones that merely start like a device', () => {
    for (const name of [
      'mnist.json',
      'console.json',
      'CONTROL.nbproj',
      'com10.json',
      'lpt.csv',
      'nullable',
      'auxiliary.json',
      'my project.nbproj',
      'café.json',
    ])
      expect(fileNameProblem(name), name).toBeUndefined();
  });

  it('makes a derived name portable', () => {
    expect(portableFileName('CON', 'data')).toBe('CON-data');
    expect(portableFileName('nul.old', 'data')).toBe('nul-data.old');
    expect(portableFileName('spirals. ', 'data')).toBe('spirals');
    expect(portableFileName('...', 'data')).toBe('data');
    expect(portableFileName('digits', 'data')).toBe('digits');
  });
});
