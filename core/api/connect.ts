// How the UI reaches the API: in the desktop app the preload has put it on `window.neuroblocks`;
// in a browser the page connects to the web host's WebSocket with the token from its own URL.
// Browser-safe.
import { API_GLOBAL, apiEvents, apiMethods, type NeuroblocksApi, type Unsubscribe } from './contract';
import { createRpcClient, fromBridge, type MessagePortLike, type RpcMessage } from './rpc';

export const API_SOCKET_PATH = '/api';
export const TOKEN_PARAM = 'token';

/** The subset of the WebSocket interface used here (the browser's, or `ws` in Node). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: string, listener: (...args: any[]) => void): void;
}

const OPEN = 1;

/** A port over a WebSocket carrying JSON; messages posted before the socket opens wait for it. */
export function webSocketPort(socket: WebSocketLike): MessagePortLike {
  const queue: string[] = [];
  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  return {
    post(message: RpcMessage) {
      const text = JSON.stringify(message);
      if (socket.readyState === OPEN) socket.send(text);
      else queue.push(text);
    },
    onMessage(listener) {
      const handler = (event: { data: unknown }) => {
        if (typeof event.data !== 'string') return;
        let message: unknown;
        try {
          message = JSON.parse(event.data);
        } catch {
          return;
        }
        listener(message);
      };
      socket.addEventListener('message', handler);
      return () => socket.removeEventListener('message', handler);
    },
    onClose(listener): Unsubscribe {
      socket.addEventListener('close', listener);
      return () => socket.removeEventListener('close', listener);
    },
  };
}

export function connectOverWebSocket(socket: WebSocketLike): NeuroblocksApi & { dispose(): void } {
  const client = createRpcClient<NeuroblocksApi>(webSocketPort(socket), { methods: apiMethods, events: apiEvents });
  const dispose = client.dispose;
  client.dispose = () => {
    dispose();
    socket.close();
  };
  return client;
}

/** The web host's API socket URL for a page at `pageUrl` (which carries `?token=…`). */
export function apiSocketUrl(pageUrl: string): string {
  const page = new URL(pageUrl);
  const token = page.searchParams.get(TOKEN_PARAM);
  if (!token)
    throw new Error(
      'This page was opened without its access token. Open the exact address that `neuroblocks serve` (or `npm start`) printed.',
    );
  const url = new URL(API_SOCKET_PATH, page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.searchParams.set(TOKEN_PARAM, token);
  return url.toString();
}

/**
 * The API for the page running now: the desktop app's, or a WebSocket connection to the web host
 * that served the page. `openSocket` defaults to the browser's WebSocket.
 */
export function connectApi(openSocket?: (url: string) => WebSocketLike): NeuroblocksApi {
  const g = globalThis as unknown as Record<string, unknown> & {
    location?: { href: string };
    WebSocket?: new (url: string) => WebSocketLike;
  };
  const exposed = g[API_GLOBAL] as NeuroblocksApi | undefined;
  if (exposed) return fromBridge(exposed, { methods: apiMethods, events: apiEvents });
  if (!g.location) throw new Error('No Neuroblocks host: this page must be opened by the desktop app or by `neuroblocks serve`.');
  const open = openSocket ?? ((url: string) => new g.WebSocket!(url));
  return connectOverWebSocket(open(apiSocketUrl(g.location.href)));
}
