// The project store says its problems as codes of the catalogue's `store` namespace; these tests
// read them back in English and in French, through real files where a file is involved.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problem } from '../i18n/catalogue';
import { problemText, problemTexts } from '../i18n/translate';
import { StoreError, writeError } from './errors';
import { ProjectStore } from './project-store';
import { readRegularFile } from './regular-file';
import { epochMetrics, smallProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';
import { decodeWeights } from './weights';

let dir: string;
tempDirPerTest((path) => (dir = path));

function thrown(action: () => unknown): StoreError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('nothing was thrown');
}

describe('the store in the catalogue’s words', () => {
  it('names the write that failed, with its epoch, in both languages', () => {
    const error = writeError({ code: 'SQLITE_FULL' }, { action: 'recordEpoch', epoch: 3 }, 'digits.nbproj') as StoreError;
    expect(error.code).toBe('disk-full');
    expect(error.problem).toEqual({ code: 'store:writeDiskFull', params: { action: 'recordEpoch', epoch: 3, path: 'digits.nbproj' } });
    expect(error.message).toBe(
      'Could not record epoch 3: the disk is full (or the project reached its size limit). Nothing was lost: digits.nbproj still holds what was saved before. Free some disk space and try again.',
    );
    expect(error.fr).toBe(
      'Impossible d’enregistrer l’époque 3 : le disque est plein (ou le projet a atteint sa taille maximale). Rien n’a été perdu : digits.nbproj contient toujours ce qui avait été enregistré. Libérez de l’espace disque et réessayez.',
    );
    // "de" elides before a vowel in French, so each action carries its own.
    const create = writeError({ code: 'SQLITE_BUSY' }, { action: 'create' }, 'a.nbproj') as StoreError;
    expect(create.fr).toMatch(/^Impossible de créer le fichier de projet : a\.nbproj est en cours d’écriture/);
  });

  it('says a run’s status in the sentence’s language when a write needs it running', () => {
    const store = ProjectStore.create(join(dir, 'p.nbproj'), smallProject());
    try {
      const runId = store.startRun({ project: smallProject(), backend: 'cpu', device: 'test CPU' });
      store.recordEpoch(runId, epochMetrics(1));
      store.finishRun(runId, 'early-stopped');
      const epoch = thrown(() => store.recordEpoch(runId, epochMetrics(2)));
      expect(epoch.problem).toEqual({
        code: 'store:notRunning',
        params: { action: 'recordEpoch', runId, status: 'earlyStopped' },
      });
      expect(epoch.message).toBe(`Cannot record an epoch of run ${runId}: it is early-stopped, not running.`);
      expect(epoch.fr).toBe(`Impossible d’enregistrer une époque de l’entraînement ${runId} : il est arrêté tôt, et non en cours.`);
      const mark = thrown(() => store.finishRun(runId, 'stopped'));
      expect(mark.message).toBe(`Cannot mark as stopped run ${runId}: it is early-stopped, not running.`);
      expect(mark.fr).toBe(`Impossible de marquer comme arrêté l’entraînement ${runId} : il est arrêté tôt, et non en cours.`);
      const resume = thrown(() => store.resumeRun(runId));
      expect(resume.fr).toBe(`L’entraînement ${runId} est arrêté tôt ; seul un entraînement interrompu ou arrêté peut être repris.`);
      const best = thrown(() => store.loadCheckpoint(runId, 'best'));
      expect(best.message).toBe(`Run ${runId} has no best checkpoint.`);
      expect(best.fr).toBe(`L’entraînement ${runId} n’a pas de poids de la meilleure époque.`);
      const version = thrown(() => store.getVersion(99));
      expect(version.problem?.code).toBe('store:versionNotFound');
      expect(version.fr).toBe('La version 99 n’existe pas dans ce projet.');
    } finally {
      store.close();
    }
  });

  it('tells a write refused by a read-only file why, the reason in the same language', () => {
    const path = join(dir, 'p.nbproj');
    ProjectStore.create(path, smallProject()).close();
    const store = ProjectStore.open(path, { readOnly: true });
    try {
      const refused = thrown(() => store.deleteRun(4));
      expect(refused.code).toBe('read-only');
      expect(refused.message).toBe(`Could not delete run 4: ${path} is open read-only. Use "Save as" to keep your work elsewhere.`);
      expect(refused.fr).toBe(
        `Impossible de supprimer l’entraînement 4 : ${path} est ouvert en lecture seule. Utilisez « Enregistrer sous » pour garder votre travail ailleurs.`,
      );
    } finally {
      store.close();
    }
    // When the file could not be written to, the reason is a problem of its own, told inside.
    const withReason = problem('store:openReadOnly', {
      action: 'save',
      path: 'p.nbproj',
      reason: problem('store:notWritable', { path: 'p.nbproj' }),
      context: 'reason',
    });
    expect(problemTexts(withReason)).toEqual({
      en: 'Could not save the project: p.nbproj is open read-only (p.nbproj or its folder cannot be written to). Use "Save as" to keep your work elsewhere.',
      fr: 'Impossible d’enregistrer le projet : p.nbproj est ouvert en lecture seule (impossible d’écrire dans p.nbproj ou dans son dossier). Utilisez « Enregistrer sous » pour garder votre travail ailleurs.',
    });
  });

  it('writes sizes as each language does', async () => {
    const truncated = problem('store:truncated', { path: 'p.nbproj', size: 12288, expected: 16384 });
    expect(problemText(truncated, 'en')).toContain('(12,288 bytes instead of 16,384)');
    expect(problemText(truncated, 'fr').replace(/[\u00a0\u202f]/g, ' ')).toContain('(12 288 octets au lieu de 16 384)');
    const big = join(dir, 'big.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(big, Buffer.alloc(1.5 * 1024 * 1024));
    const error = await readRegularFile(big, 1024 * 1024).then(
      () => undefined,
      (e: StoreError) => e,
    );
    expect(error?.problem).toEqual({ code: 'store:openTooLarge', params: { path: big, max: 1, size: 1.5, context: 'size' } });
    expect(error?.message).toBe(`Cannot open ${big}: at 1.5 MB it is larger than a project file can be (at most 1 MB).`);
    expect(error?.fr).toBe(
      `Impossible d’ouvrir ${big} : avec 1,5 Mo, il est plus gros qu’un fichier de projet ne peut l’être (au plus 1 Mo).`,
    );
  });

  it('says what is wrong with damaged weights', () => {
    const error = thrown(() => decodeWeights(Buffer.from('not weights at all')));
    expect(error.problem).toEqual({ code: 'store:weightsDamaged', params: { damage: 'notBlob' } });
    expect(error.message).toBe("The checkpoint's weights are damaged (not a weights blob).");
    expect(error.fr).toBe('Les poids enregistrés sont endommagés (ce ne sont pas des poids).');
  });
});
