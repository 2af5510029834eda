import { describe, expect, it } from 'vitest';
import { problem } from '../i18n/catalogue';
import { ProjectError } from '../model/project-io';
import { UserFacingError, type Unsubscribe } from './contract';
import {
  createPortPair,
  createRpcClient,
  forBridge,
  fromBridge,
  RemoteError,
  serializeError,
  serveRpc,
  type RpcMessage,
  type SerializedError,
} from './rpc';

interface Calculator {
  add(a: number, b: number): Promise<number>;
  echo<T>(value: T): Promise<T>;
  refuse(): Promise<never>;
  crash(): Promise<never>;
  badProject(): Promise<never>;
  hang(): Promise<never>;
  onTick(listener: (n: number) => void): Unsubscribe;
}

/** A problem of a project's JSON, as the project schema reports a missing block type. */
const missingType = problem('project:missing', { expected: 'string', expectedName: 'string' });

const shape = { methods: ['add', 'echo', 'refuse', 'crash', 'badProject', 'hang', 'missing'], events: ['onTick'] };

function calculatorService() {
  const tickListeners = new Set<(n: number) => void>();
  let subscribeCalls = 0;
  const service = {
    async add(a: number, b: number) {
      return a + b;
    },
    async echo<T>(value: T) {
      return value;
    },
    async refuse(): Promise<never> {
      throw new UserFacingError(
        problem('params:int', { context: 'block', id: 'd1', type: 'Dense', name: 'units', min: 1, max: 100000, got: 0 }),
        'invalid-param',
        {
          nodeId: 'd1',
        },
      );
    },
    async crash(): Promise<never> {
      throw new TypeError('boom');
    },
    async badProject(): Promise<never> {
      throw new ProjectError([{ path: 'graph.nodes[0].type', problem: missingType }]);
    },
    hang: () => new Promise<never>(() => {}),
    onTick(listener: (n: number) => void): Unsubscribe {
      subscribeCalls++;
      tickListeners.add(listener);
      return () => tickListeners.delete(listener);
    },
    tick(n: number) {
      for (const l of tickListeners) l(n);
    },
    secret() {
      return 'must never be reachable';
    },
    get subscribers() {
      return tickListeners.size;
    },
    get subscribeCalls() {
      return subscribeCalls;
    },
  };
  return service;
}

function setup() {
  const [clientPort, serverPort] = createPortPair();
  const service = calculatorService();
  const stop = serveRpc(serverPort, shape, service);
  const client = createRpcClient<Calculator>(clientPort, shape);
  return { client, service, clientPort, serverPort, stop };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Sends a raw message from the client's side and waits for the reply to `id`. */
function rawCall(port: ReturnType<typeof createPortPair>[0], message: Record<string, unknown>): Promise<RpcMessage> {
  return new Promise((resolve) => {
    const stop = port.onMessage((m) => {
      const reply = m as RpcMessage;
      if ((reply.kind === 'result' || reply.kind === 'error') && reply.id === message.id) {
        stop();
        resolve(reply);
      }
    });
    port.post(message as RpcMessage);
  });
}

describe('RPC over an in-memory port pair', () => {
  it('calls a method and returns its result', async () => {
    const { client } = setup();
    expect(await client.add(2, 3)).toBe(5);
    expect(await client.echo({ nested: [1, 'two', { three: true }] })).toEqual({ nested: [1, 'two', { three: true }] });
  });

  it('runs concurrent calls and matches each answer to its request', async () => {
    const { client } = setup();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.add(i, 1000)));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i + 1000));
  });

  it('carries a user-facing error with its message, French text, code and details', async () => {
    const { client } = setup();
    const error = await client.refuse().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      message: 'Dense "d1": `units` must be a whole number between 1 and 100000 (got 0).',
      fr: 'Dense « d1 » : `units` doit être un nombre entier entre 1 et 100000 (valeur reçue : 0).',
      code: 'invalid-param',
      details: { nodeId: 'd1' },
    });
  });

  it('rebuilds an error from its problem alone, over JSON as the web host sends it: the English message sent is for logs only', () => {
    const serialized = JSON.parse(
      JSON.stringify({
        message: 'not what the person reads',
        code: 'no-dataset',
        problem: problem('api:connectionClosed', {}),
      } satisfies SerializedError),
    ) as SerializedError;
    const received = new RemoteError(serialized);
    expect(received).toMatchObject({
      message: 'The connection to Neuroblocks is closed. Reload the page (or restart the app) to reconnect.',
      fr: 'La connexion à Neuroblocks est fermée. Rechargez la page (ou relancez l’application) pour vous reconnecter.',
      code: 'no-dataset',
      problem: { code: 'api:connectionClosed', params: {} },
    });
    // An end that sends no problem: its message, as it is, in every language.
    const bare = new RemoteError({ message: 'Choose a data set.', code: 'no-dataset' });
    expect(bare).toMatchObject({ message: 'Choose a data set.', fr: 'Choose a data set.', problem: { code: 'project:errorText' } });
  });

  it('carries a problem (a code and its particulars) over JSON, so the other end says it in its own language', () => {
    const sent = new UserFacingError(problem('graph:selfLoop', { id: 'conv1' }), 'invalid-graph');
    const serialized = JSON.parse(JSON.stringify(serializeError(sent))) as SerializedError;
    expect(serialized.problem).toEqual({ code: 'graph:selfLoop', params: { id: 'conv1' } });
    const received = new RemoteError(serialized);
    expect(received.problem).toEqual(serialized.problem);
    expect(received.message).toBe(sent.message);
    expect(received.message).toContain('"conv1" is connected to itself');
    expect(received.fr).toContain('« conv1 »');
  });

  it('refuses, by type, a user-facing error that is not a problem of the catalogue', () => {
    // @ts-expect-error a UserFacingError is built from a problem (a code and its parameters)
    const englishOnly = () => new UserFacingError('English only');
    // @ts-expect-error nor from texts in two languages
    const twoTexts = () => new UserFacingError({ en: 'Choose a data set.', fr: 'Choisissez un jeu de données.' });
    expect([englishOnly, twoTexts].map((make) => typeof make)).toEqual(['function', 'function']);
    // @ts-expect-error an error crossing the API has no French text beside its problem
    const withFrench: SerializedError = { message: 'x', code: 'user', fr: 'x' };
    expect(withFrench.code).toBe('user');
  });

  it('gives French to the errors of the transport itself', async () => {
    const { client } = setup();
    const error = (await client.crash().catch((e: unknown) => e)) as RemoteError;
    expect(error.fr).toBe('Une erreur inattendue s’est produite dans Neuroblocks : boom');
    const project = (await client.badProject().catch((e: unknown) => e)) as RemoteError;
    expect(project.fr).toBe('Ce projet ne peut pas être ouvert : graph.nodes[0].type : valeur manquante ; il faut un texte.');
    expect(project.problem?.code).toBe('project:notOpened');
    expect(error.problem).toEqual({ code: 'api:internal', params: { message: 'boom' } });
  });

  it('keeps code, French and details across a bridge that copies errors with their message only', async () => {
    const { client, service } = setup();
    // Electron's contextBridge copies a rejection the way structuredClone does: an Error loses its own properties.
    const bridged = (value: unknown) => structuredClone(value);
    const lost = bridged(await client.refuse().catch((e: unknown) => e)) as Record<string, unknown>;
    expect(lost.code).toBeUndefined();
    const exposed = forBridge(client, shape) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const crossed: Record<string, unknown> = {};
    for (const name of shape.methods)
      crossed[name] = (...args: unknown[]) => exposed[name](...args).catch((e: unknown) => Promise.reject(bridged(e)));
    for (const name of shape.events) crossed[name] = exposed[name];
    const api = fromBridge(crossed as unknown as Calculator, shape);
    expect(await api.add(2, 3)).toBe(5);
    const error = await api.refuse().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      code: 'invalid-param',
      fr: 'Dense « d1 » : `units` doit être un nombre entier entre 1 et 100000 (valeur reçue : 0).',
      details: { nodeId: 'd1' },
    });
    const ticks: number[] = [];
    api.onTick((n) => ticks.push(n));
    await settle();
    service.tick(7);
    await settle();
    expect(ticks).toEqual([7]);
  });

  it('carries a project error with its problems', async () => {
    const { client } = setup();
    const error = (await client.badProject().catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe('project');
    expect(error.message).toContain('graph.nodes[0].type: is missing; it must be text.');
    expect(error.details).toEqual([{ path: 'graph.nodes[0].type', problem: missingType }]);
  });

  it('reports an unexpected failure as internal, keeping its message', async () => {
    const { client } = setup();
    const error = (await client.crash().catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe('internal');
    expect(error.message).toBe('Something went wrong inside Neuroblocks: boom');
  });

  it('refuses a method that is not in the list, even if the service has it', async () => {
    const { clientPort, service } = setup();
    for (const method of ['secret', 'tick', 'constructor', '__proto__', 'toString', 42]) {
      const reply = await rawCall(clientPort, { kind: 'request', id: 7, method, args: [] });
      expect(reply).toMatchObject({ kind: 'error', id: 7, error: { code: 'unknown-method' } });
    }
    expect(service.subscribers).toBe(0);
  });

  it('refuses a listed method the service does not implement', async () => {
    const { client } = setup();
    const error = (await (client as unknown as { missing(): Promise<void> }).missing().catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe('unknown-method');
    expect(error.message).toBe('Unknown method "missing": this version of Neuroblocks does not offer it.');
    expect(error.fr).toBe('Méthode inconnue "missing" : cette version de Neuroblocks ne la propose pas.');
    expect(error.problem?.code).toBe('api:unknownMethod');
  });

  it('refuses arguments that are not a list', async () => {
    const { clientPort } = setup();
    const reply = await rawCall(clientPort, { kind: 'request', id: 3, method: 'add', args: { 0: 1 } });
    expect(reply).toMatchObject({ kind: 'error', id: 3, error: { code: 'bad-request' } });
  });

  it('ignores malformed messages and keeps serving', async () => {
    const { client, clientPort } = setup();
    for (const junk of [null, 'text', 5, [], { kind: 'nonsense' }, { kind: 'request' }]) clientPort.post(junk as unknown as RpcMessage);
    expect(await client.add(1, 1)).toBe(2);
  });

  it('pushes events to subscribers and stops after the last unsubscribes', async () => {
    const { client, service } = setup();
    const first: number[] = [];
    const second: number[] = [];
    const stopFirst = client.onTick((n) => first.push(n));
    const stopSecond = client.onTick((n) => second.push(n));
    await settle();
    expect(service.subscribeCalls).toBe(1);
    service.tick(1);
    await settle();
    stopFirst();
    service.tick(2);
    await settle();
    expect(first).toEqual([1]);
    expect(second).toEqual([1, 2]);
    stopSecond();
    await settle();
    expect(service.subscribers).toBe(0);
    service.tick(3);
    await settle();
    expect(second).toEqual([1, 2]);
  });

  it('refuses subscriptions to events that are not listed', async () => {
    const { clientPort, service } = setup();
    clientPort.post({ kind: 'subscribe', event: 'tick' });
    clientPort.post({ kind: 'subscribe', event: 'onSomethingElse' });
    await settle();
    expect(service.subscribeCalls).toBe(0);
  });

  it('fails pending calls and drops subscriptions when the channel closes', async () => {
    const { client, service, clientPort } = setup();
    client.onTick(() => {});
    await settle();
    expect(service.subscribers).toBe(1);
    const pending = client.hang();
    clientPort.close();
    const error = (await pending.catch((e: unknown) => e)) as RemoteError;
    expect(error.code).toBe('disconnected');
    expect(error.message).toBe('The connection to Neuroblocks was lost. Reload the page (or restart the app) to reconnect.');
    expect(error.fr).toBe('La connexion à Neuroblocks a été perdue. Rechargez la page (ou relancez l’application) pour vous reconnecter.');
    expect(service.subscribers).toBe(0);
    await expect(client.add(1, 2)).rejects.toMatchObject({ code: 'disconnected', problem: { code: 'api:connectionClosed' } });
  });

  it('stops answering once the server is stopped', async () => {
    const { client, stop } = setup();
    stop();
    const result = await Promise.race([client.add(1, 2), new Promise((resolve) => setTimeout(() => resolve('no answer'), 50))]);
    expect(result).toBe('no answer');
  });
});
