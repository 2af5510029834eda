import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { environmentLanguage, takeLanguageOption } from './language';
import { chain } from '../model/test-graphs';
import { projectJson, shortTraining } from '../model/project-fixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The environment of a French user: the locale alone says French (no LC_ALL or LC_MESSAGES to override it). */
const french = (() => {
  const env: Record<string, string | undefined> = { ...process.env, LANG: 'fr_FR.UTF-8' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return env;
})();

/** Runs the real `neuroblocks` command in a child process and returns its exit code and what it printed. */
function cli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin/neuroblocks.js'), ...args],
      { cwd: root, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A project with a parameter out of its range, a kernel larger than its input and a loop-free Dense on an image. */
function badProject(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'nb-lang-')), 'bad.json');
  writeFileSync(
    file,
    JSON.stringify(
      projectJson(
        'Bad',
        chain(
          ['in', 'Input', { shape: [4, 4, 1] }],
          ['conv', 'Conv2D', { filters: 2, kernelSize: 7 }],
          ['out', 'Dense', { units: 0, activation: 'softmax' }],
        ),
        { dataset: { kind: 'builtin', name: 'mnist' }, training: shortTraining() },
      ),
    ),
  );
  return file;
}

describe('the language of the command line', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG, and speaks English without a French locale', () => {
    expect(environmentLanguage({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(environmentLanguage({ LANG: 'fr_CA.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe('en');
    expect(environmentLanguage({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LC_ALL: 'fr_BE.UTF-8' })).toBe('fr');
    expect(environmentLanguage({ LANG: 'en_US.UTF-8', LC_ALL: '' })).toBe('en');
    expect(environmentLanguage({})).toBe('en');
    expect(environmentLanguage({ LANG: 'C.UTF-8' })).toBe('en');
  });

  it('takes --lang out of the arguments wherever it stands, and refuses another language in both languages', () => {
    expect(takeLanguageOption(['summary', '--lang', 'fr', 'p.json'])).toEqual({ argv: ['summary', 'p.json'], language: 'fr' });
    expect(takeLanguageOption(['--lang=en', 'summary', 'p.json'])).toEqual({ argv: ['summary', 'p.json'], language: 'en' });
    expect(takeLanguageOption(['summary', 'p.json'])).toEqual({ argv: ['summary', 'p.json'] });
    expect(() => takeLanguageOption(['summary', '--lang', 'de'])).toThrow('--lang is en or fr, not "de".');
    let refused: unknown;
    try {
      takeLanguageOption(['--lang=es']);
    } catch (error) {
      refused = error;
    }
    expect((refused as { fr?: string }).fr).toBe('--lang vaut en ou fr, et non « es ».');
  });

  it('under LANG=fr_FR.UTF-8, `summary` lists the graph problems in French; --lang en brings English back', async () => {
    const file = badProject();
    const fr = await cli(['summary', file], french);
    expect(fr.code).toBe(1);
    expect(fr.stdout).toContain('Erreurs :');
    expect(fr.stdout).toContain('[out · units] Dense « out » : `units` doit être un nombre entier entre 1 et');
    expect(fr.stdout).toContain('Conv2D « conv » (entrée 4×4×1) : Le noyau 7×7 dépasse son entrée 4×4');
    expect(fr.stdout).not.toMatch(/must be|is larger than|Errors:/);

    const en = await cli(['summary', file, '--lang', 'en'], french);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('Errors:');
    expect(en.stdout).toContain('Dense "out": `units` must be a whole number between 1 and');
    expect(en.stdout).toContain('Conv2D "conv" (input 4×4×1): The 7×7 kernel is larger than its 4×4 input');

    // The JSON summary carries each problem's code and parameters, whatever the language.
    const json = JSON.parse((await cli(['summary', file, '--json'], french)).stdout);
    expect(json.errors.map((e: { problem: { code: string } }) => e.problem.code)).toEqual(['shapes:kernelTooLarge', 'params:int']);
    expect(json.errors[1].problem.params).toMatchObject({ name: 'units', min: 1, got: '0', type: 'Dense', id: 'out' });
  }, 120_000);

  it('under LANG=fr_FR.UTF-8, the errors of the command line itself are in French', async () => {
    const unknown = await cli(['sumary'], french);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Commande inconnue : « sumary ».');

    const epochs = await cli(['train', badProject(), '--epochs', 'zero'], french);
    expect(epochs.code).toBe(1);
    expect(epochs.stderr.trim()).toBe('--epochs doit être un nombre entier d’au moins 1, et non « zero ».');

    const engine = await cli(['train', badProject(), '--engine', 'jax', '--lang', 'fr'], { ...french, LANG: 'en_US.UTF-8' });
    expect(engine.stderr.trim()).toBe('Valeur inconnue pour engine : « jax ». Choisissez parmi : tfjs, pytorch.');

    // Training refuses the graph before loading any data, and says why in French.
    const train = await cli(['train', badProject(), '--size', '10'], french);
    expect(train.code).toBe(1);
    expect(train.stderr).toContain(
      'Échec : Le modèle ne peut pas être construit ; corrigez d’abord ces 2 problèmes :\n- Conv2D « conv » (entrée 4×4×1) : Le noyau 7×7 dépasse son entrée 4×4',
    );
    expect(train.stderr).toMatch(/Durée totale : \d+(,\d)? s\./);

    // A damaged project file is refused in French, at the place of each problem.
    const damaged = join(mkdtempSync(join(tmpdir(), 'nb-lang-')), 'cassé.json');
    writeFileSync(damaged, '{\n  "format": "neuroblocks.project",\n  "version": 1,,\n}');
    const unreadable = await cli(['summary', damaged], french);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr.trim()).toBe(
      `${damaged} : Ce projet ne peut pas être ouvert : le fichier n’est pas du JSON valide : caractère « , » inattendu à la ligne 3, colonne 16.`,
    );

    const language = await cli(['summary', 'p.json', '--lang', 'de'], french);
    expect(language.code).toBe(2);
    expect(language.stderr.trim()).toBe('--lang vaut en ou fr, et non « de ».');
  }, 120_000);
});
