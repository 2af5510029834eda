// A small RPC over any pair of message ports (Electron IPC, a WebSocket, an in-memory pair in
// tests). Both ends are generated from lists of method and event names, in the manner of VS Code's
// ProxyChannel: the client is a plain object with one function per name, the server calls the
// service's method of that name and nothing else. Browser-safe.
import { problem, type Problem } from '../i18n/catalogue';
import { problemText } from '../i18n/translate';
import { errorProblem, LocalizedError } from '../model/localized';
import { UserFacingError, type Unsubscribe } from './contract';

/** One end of a bidirectional channel carrying structured-cloneable (or JSON) messages. */
export interface MessagePortLike {
  post(message: RpcMessage): void;
  onMessage(listener: (message: unknown) => void): Unsubscribe;
  /** Called once when the channel closes; pending requests then fail. */
  onClose?(listener: () => void): Unsubscribe;
}

export interface SerializedError {
  /** What went wrong, in English (for logs): the English sentence of `problem`. */
  message: string;
  /** `internal` for an unexpected failure, otherwise what the service said (e.g. `project`, `not-found`). */
  code: string;
  details?: unknown;
  /** What went wrong as a code of the message catalogue and its parameters: the receiving end says it in its own language. */
  problem?: Problem;
}

export type RpcMessage =
  | { kind: 'request'; id: number; method: string; args: unknown[] }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: SerializedError }
  | { kind: 'subscribe'; event: string }
  | { kind: 'unsubscribe'; event: string }
  | { kind: 'event'; event: string; payload: unknown };

/** A failure reported by the other end, rebuilt from its problem (an end that sent none: its message as it is). */
export class RemoteError extends LocalizedError {
  readonly code: string;
  readonly details?: unknown;
  constructor(error: SerializedError) {
    super(error.problem ?? errorProblem(error));
    this.name = 'RemoteError';
    this.code = error.code;
    if (error.details !== undefined) this.details = error.details;
  }
}

export interface ServiceShape {
  methods: readonly string[];
  events: readonly string[];
  /**
   * Server side: checks a call's arguments before the service sees them, giving the error to answer
   * when they do not fit (./schemas `checkApiArguments` for the Neuroblocks API).
   */
  checkArguments?(method: string, args: readonly unknown[]): SerializedError | undefined;
}

type Listener = (payload: unknown) => void;

/** An error to send: its problem, the English sentence of it as the message (for logs), and its code. */
function problemError(what: Problem, code: string): SerializedError {
  return { message: problemText(what), code, problem: what };
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof UserFacingError || error instanceof RemoteError) {
    const serialized: SerializedError = { message: error.message, code: error.code, problem: error.problem };
    if (error.details !== undefined) serialized.details = error.details;
    return serialized;
  }
  // A ProjectError from core/model/project-io, recognised by shape so that this module (and the
  // desktop preload bundled from it) does not pull in the project schema.
  if (error instanceof Error && error.name === 'ProjectError' && Array.isArray((error as Error & { problems?: unknown }).problems)) {
    const { problem } = error as Error & { problem?: Problem };
    return {
      message: error.message,
      ...(problem ? { problem } : {}),
      code: 'project',
      details: (error as Error & { problems: unknown[] }).problems,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return problemError(problem('api:internal', { message }), 'internal');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Builds the calling side: an object with one async function per method and one
 * `onX(listener) → unsubscribe` per event. The object is plain (no Proxy) so that Electron's
 * contextBridge can copy it.
 */
export function createRpcClient<T>(port: MessagePortLike, shape: ServiceShape): T & { dispose(): void } {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  const listeners = new Map<string, Set<Listener>>();

  const failAll = (why: Problem) => {
    for (const { reject } of pending.values()) reject(new RemoteError(problemError(why, 'disconnected')));
    pending.clear();
  };

  const stopMessages = port.onMessage((raw) => {
    if (!isObject(raw) || typeof raw.kind !== 'string') return;
    const message = raw as RpcMessage;
    if (message.kind === 'result' || message.kind === 'error') {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if (message.kind === 'result') call.resolve(message.value);
      else
        call.reject(
          new RemoteError(
            isObject(message.error) ? (message.error as SerializedError) : problemError(problem('api:unknownError', {}), 'internal'),
          ),
        );
    } else if (message.kind === 'event') {
      for (const listener of [...(listeners.get(message.event) ?? [])]) listener(message.payload);
    }
  });
  const stopClose = port.onClose?.(() => {
    closed = true;
    failAll(problem('api:connectionLost', {}));
  });

  const client: Record<string, unknown> = {};
  for (const method of shape.methods) {
    client[method] = (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        if (closed) {
          reject(new RemoteError(problemError(problem('api:connectionClosed', {}), 'disconnected')));
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve, reject });
        // Trailing undefined arguments are dropped so that JSON and structured clone agree.
        while (args.length && args[args.length - 1] === undefined) args.pop();
        try {
          port.post({ kind: 'request', id, method, args });
        } catch (error) {
          pending.delete(id);
          reject(error);
        }
      });
  }
  for (const event of shape.events) {
    client[event] = (listener: Listener): Unsubscribe => {
      if (typeof listener !== 'function') throw new TypeError(`${event} expects a function.`);
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        port.post({ kind: 'subscribe', event });
      }
      set.add(listener);
      return () => {
        const current = listeners.get(event);
        if (!current?.delete(listener) || current.size) return;
        listeners.delete(event);
        if (!closed) port.post({ kind: 'unsubscribe', event });
      };
    };
  }
  client.dispose = () => {
    closed = true;
    stopMessages();
    stopClose?.();
    failAll(problem('api:disconnected', {}));
    listeners.clear();
  };
  return client as T & { dispose(): void };
}

/**
 * Serves `service` on `port`: answers requests for the listed methods, refuses everything else,
 * and forwards the listed events to the other end while it is subscribed.
 * Returns a function that stops serving and drops the subscriptions.
 */
export function serveRpc(port: MessagePortLike, shape: ServiceShape, service: object): () => void {
  const methods = new Set(shape.methods);
  const events = new Set(shape.events);
  const subscriptions = new Map<string, Unsubscribe>();
  const target = service as Record<string, unknown>;
  let stopped = false;

  const reply = (message: RpcMessage) => {
    if (!stopped) port.post(message);
  };

  const handleRequest = async (id: number, method: unknown, args: unknown) => {
    if (typeof method !== 'string' || !methods.has(method) || typeof target[method] !== 'function') {
      reply({
        kind: 'error',
        id,
        error: problemError(problem('api:unknownMethod', { method: JSON.stringify(method) ?? String(method) }), 'unknown-method'),
      });
      return;
    }
    if (!Array.isArray(args)) {
      reply({
        kind: 'error',
        id,
        error: problemError(problem('api:argumentsNotList', { method }), 'bad-request'),
      });
      return;
    }
    try {
      const refused = shape.checkArguments?.(method, args);
      if (refused) {
        reply({ kind: 'error', id, error: refused });
        return;
      }
      const value = await (target[method] as (...a: unknown[]) => unknown).apply(service, args);
      reply({ kind: 'result', id, value });
    } catch (error) {
      reply({ kind: 'error', id, error: serializeError(error) });
    }
  };

  const stopMessages = port.onMessage((raw) => {
    if (!isObject(raw)) return;
    switch (raw.kind) {
      case 'request':
        if (typeof raw.id === 'number') void handleRequest(raw.id, raw.method, raw.args);
        break;
      case 'subscribe': {
        const event = raw.event;
        if (typeof event !== 'string' || !events.has(event) || subscriptions.has(event) || typeof target[event] !== 'function') return;
        const unsubscribe = (target[event] as (l: Listener) => Unsubscribe).call(service, (payload: unknown) =>
          reply({ kind: 'event', event, payload }),
        );
        subscriptions.set(event, unsubscribe);
        break;
      }
      case 'unsubscribe': {
        if (typeof raw.event !== 'string') return;
        subscriptions.get(raw.event)?.();
        subscriptions.delete(raw.event);
        break;
      }
    }
  });

  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopMessages();
    stopClose?.();
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };
  const stopClose = port.onClose?.(stop);
  return stop;
}

/**
 * Electron's contextBridge copies a rejected Error with its message only, dropping `code`, `problem`
 * and `details`. So the preload rejects with the plain serialized error (copied whole), and the page
 * turns it back into a RemoteError with `fromBridge`.
 */
export function forBridge(client: object, shape: ServiceShape): Record<string, unknown> {
  const source = client as Record<string, (...args: unknown[]) => unknown>;
  const exposed: Record<string, unknown> = {};
  for (const name of shape.methods) {
    exposed[name] = (...args: unknown[]) =>
      Promise.resolve(source[name](...args)).catch((error: unknown) => {
        throw serializeError(error);
      });
  }
  for (const name of shape.events) exposed[name] = source[name];
  return exposed;
}

/** The API exposed by `forBridge`, with its rejections made RemoteErrors again. */
export function fromBridge<T>(exposed: T, shape: ServiceShape): T {
  const source = exposed as Record<string, (...args: unknown[]) => unknown>;
  const api: Record<string, unknown> = {};
  for (const name of shape.methods) {
    api[name] = (...args: unknown[]) =>
      Promise.resolve(source[name](...args)).catch((error: unknown) => {
        if (!(error instanceof Error) && isObject(error) && typeof error.message === 'string' && typeof error.code === 'string')
          throw new RemoteError(error as unknown as SerializedError);
        throw error;
      });
  }
  for (const name of shape.events) api[name] = source[name];
  return api as T;
}

/** A pair of connected in-memory ports; messages are cloned and delivered asynchronously, as over IPC. */
export function createPortPair(): [MessagePortLike & { close(): void }, MessagePortLike & { close(): void }] {
  const make = () => ({ listeners: new Set<(m: unknown) => void>(), closeListeners: new Set<() => void>() });
  const a = make();
  const b = make();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const side of [a, b]) for (const listener of [...side.closeListeners]) listener();
  };
  const end = (self: ReturnType<typeof make>, other: ReturnType<typeof make>) => ({
    post(message: RpcMessage) {
      if (closed) throw new Error('The port is closed.');
      const copy = structuredClone(message);
      queueMicrotask(() => {
        if (!closed) for (const listener of [...other.listeners]) listener(copy);
      });
    },
    onMessage(listener: (m: unknown) => void) {
      self.listeners.add(listener);
      return () => void self.listeners.delete(listener);
    },
    onClose(listener: () => void) {
      self.closeListeners.add(listener);
      return () => void self.closeListeners.delete(listener);
    },
    close,
  });
  return [end(a, b), end(b, a)];
}
