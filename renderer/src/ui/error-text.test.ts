import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../core/api/contract';
import { createPortPair, createRpcClient, serveRpc } from '../../../core/api/rpc';
import { LocalizedError } from '../../../core/model/localized';
import { errorText } from './error-text';

const shape = { methods: ['train'], events: [] };

describe('errorText', () => {
  it('shows a host error that crossed the transport in the interface language', async () => {
    const [clientPort, serverPort] = createPortPair();
    serveRpc(serverPort, shape, {
      async train() {
        throw new UserFacingError(
          {
            en: 'Choose a data set for the project before training it.',
            fr: 'Choisissez un jeu de données pour le projet avant de l’entraîner.',
          },
          'no-dataset',
        );
      },
    });
    const client = createRpcClient<{ train(): Promise<void> }>(clientPort, shape);
    const error = await client.train().catch((e: unknown) => e);
    expect(errorText(error, 'fr')).toBe('Choisissez un jeu de données pour le projet avant de l’entraîner.');
    expect(errorText(error, 'fr-CA')).toBe('Choisissez un jeu de données pour le projet avant de l’entraîner.');
    expect(errorText(error, 'en')).toBe('Choose a data set for the project before training it.');
  });

  it('falls back to the message where an error has no French', () => {
    expect(errorText(new Error('boom'), 'fr')).toBe('boom');
    expect(errorText('plain text', 'fr')).toBe('plain text');
    expect(errorText({ message: 'Edits could not be saved.', fr: 'Les modifications n’ont pas pu être enregistrées.' }, 'fr')).toBe(
      'Les modifications n’ont pas pu être enregistrées.',
    );
    expect(errorText(new LocalizedError({ en: 'The CSV file is empty.', fr: 'Le fichier CSV est vide.' }), 'fr')).toBe(
      'Le fichier CSV est vide.',
    );
  });
});
