import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../core/api/contract';
import { createPortPair, createRpcClient, serveRpc } from '../../../core/api/rpc';
import { LocalizedError } from '../../../core/model/localized';
import { problem } from '../../../core/i18n/catalogue';
import { setUpI18n } from '../i18n/index';
import { errorText, problemLine } from './error-text';

const shape = { methods: ['train'], events: [] };

describe('errorText', () => {
  it('shows a host error that crossed the transport in the interface language', async () => {
    const [clientPort, serverPort] = createPortPair();
    serveRpc(serverPort, shape, {
      async train() {
        throw new UserFacingError(problem('train:noDataset', {}), 'no-dataset');
      },
    });
    const client = createRpcClient<{ train(): Promise<void> }>(clientPort, shape);
    const error = await client.train().catch((e: unknown) => e);
    expect(errorText(error, 'fr')).toBe('Choisissez un jeu de données pour le projet avant de l’entraîner.');
    expect(errorText(error, 'fr-CA')).toBe('Choisissez un jeu de données pour le projet avant de l’entraîner.');
    expect(errorText(error, 'en')).toBe('Choose a data set for the project before training it.');
  });

  it('says the problem of an error, even as plain data; falls back to the message where an error has none', () => {
    expect(errorText(new Error('boom'), 'fr')).toBe('boom');
    expect(errorText('plain text', 'fr')).toBe('plain text');
    // A French text beside a message is not a problem: only the message is said.
    expect(errorText({ message: 'Edits could not be saved.', fr: 'Les modifications n’ont pas pu être enregistrées.' }, 'fr')).toBe(
      'Edits could not be saved.',
    );
    // An error copied as plain data (as Electron's bridge copies it) keeps its problem.
    expect(errorText({ message: 'The connection to Neuroblocks was lost.', problem: problem('api:connectionLost', {}) }, 'fr')).toBe(
      'La connexion à Neuroblocks a été perdue. Rechargez la page (ou relancez l’application) pour vous reconnecter.',
    );
    const empty = new LocalizedError(problem('data:csvEmpty', { name: 'data.csv' }));
    expect(errorText(empty, 'fr')).toContain('Le fichier CSV data.csv est vide');
    expect(errorText(empty, 'en')).toBe(
      'The CSV file data.csv is empty: it needs a header row naming the columns, then one row per sample.',
    );
  });

  it('says a problem of core with the interface’s i18next: its formats, its French spacing, nested problems in the same language', () => {
    setUpI18n(i18next, 'en');
    const ends = problem('graph:severalOutputs', { count: 2, ends: ['dense_1', 'dense_2'], id: 'dense_2' });
    expect(problemLine(ends, 'en')).toBe(
      'The graph ends in 2 places (dense_1, dense_2), so the model has 2 outputs. If "dense_2" is not meant to be an output, connect it to the next block or delete it.',
    );
    // The interface's post-processor: a no-break space inside the guillemets.
    expect(problemLine(ends, 'fr')).toContain('Si «\u202fdense_2\u202f» ne doit pas');
    const stop = problem('graph:cannotExport', {
      errors: [{ nodeId: 'conv', problem: problem('graph:noOutput', {}) }],
    });
    // The problem inside is said in French too, though the interface is in English.
    expect(problemLine(stop, 'fr')).toMatch(/^Le graphe a des erreurs\u00a0: .*\n {2}- \[conv\] Le graphe n’a aucune couche/s);
    expect(problemLine(stop, 'en')).toMatch(/\n {2}- \[conv\] The graph has no layers after its Input/);
  });
});
