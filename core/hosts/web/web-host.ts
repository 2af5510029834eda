// The web host: the built renderer and the API over a WebSocket, on 127.0.0.1 only. Every launch
// has a random token; the page gets it in its URL and presents it on the socket. Requests naming
// another Host (DNS rebinding) or coming from another Origin (other web pages) are refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { apiServiceShape } from '../../api/schemas';
import { API_SOCKET_PATH, TOKEN_PARAM, webSocketPort, type WebSocketLike } from '../../api/connect';
import { serveRpc } from '../../api/rpc';
import { contentSecurityPolicy } from './csp';
import { mimeType, resolveStaticFile } from './static-files';

export interface WebHostOptions {
  /** The service answering API calls (a NeuroblocksService). */
  service: object;
  /** The folder holding the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Only for tests; a fresh random token otherwise. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';
/** The largest message a page may send; uploads go in parts far below it (UPLOAD_LIMITS.partBytes). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Why the host closes a socket that broke the protocol, by WebSocket close code (at most 123 bytes each). */
export const PROTOCOL_CLOSE_REASONS: Readonly<Record<number, string>> = {
  1002: 'Malformed WebSocket frame / Trame WebSocket mal formée',
  1007: 'Text message is not valid UTF-8 / Message texte en UTF-8 non valide',
  1009: `Message over ${MAX_MESSAGE_BYTES / (1024 * 1024)} MiB; send big files in parts / Message de plus de ${MAX_MESSAGE_BYTES / (1024 * 1024)} Mio ; envoyez les gros fichiers en parties`,
};

/**
 * The server side of an API socket. When a page breaks the protocol (text that is not UTF-8, a
 * message over the limit, a malformed frame), `ws` closes the socket with the code alone; this
 * adds a reason saying what was wrong.
 */
class ApiSocket extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    super.close(code, reason ?? (code !== undefined ? PROTOCOL_CLOSE_REASONS[code] : undefined));
  }
}

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  // Cookies are shared by every port of a host, so the name carries the port.
  const cookieName = () => `neuroblocks_${port}`;
  const allowedHosts = () => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]);

  /** Why a request must be refused, or undefined when it may proceed. */
  const refusal = (request: IncomingMessage, url: URL, requireOrigin: boolean): string | undefined => {
    if (!allowedHosts().has(request.headers.host ?? '')) return 'unexpected Host header';
    const origin = request.headers.origin;
    if (origin !== undefined ? !allowedOrigins().has(origin) : requireOrigin) return 'unexpected Origin header';
    const presented = url.searchParams.get(TOKEN_PARAM) ?? cookieValue(request.headers.cookie, cookieName());
    if (!sameSecret(presented, token)) return 'missing or wrong access token';
    return undefined;
  };

  const securityHeaders = (response: ServerResponse) => {
    response.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://${LOOPBACK}:${port}`, `ws://localhost:${port}`]));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    // The token is in the page's URL: it must never travel in a Referer header.
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };

  const deny = (response: ServerResponse, status: number, text: string) => {
    securityHeaders(response);
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(text + '\n');
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    const why = refusal(request, url, false);
    if (why) return deny(response, 403, `Forbidden: ${why}. Open the address that Neuroblocks printed when it started.`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return deny(response, 405, 'Method not allowed.');
    const file = await resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) return deny(response, 404, 'Not found.');
    securityHeaders(response);
    if (url.searchParams.has(TOKEN_PARAM)) {
      response.setHeader('Set-Cookie', `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    }
    response.writeHead(200, { 'Content-Type': mimeType(file), 'Cache-Control': file.endsWith('.html') ? 'no-store' : 'no-cache' });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) deny(response, 500, 'Internal error.');
      else response.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, WebSocket: ApiSocket });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A connection reset before the upgrade completes ends that connection, never the host.
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
    const why = url.pathname !== API_SOCKET_PATH ? 'not the API endpoint' : refusal(request, url, false);
    if (why) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nForbidden: ${why}.\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // A protocol error (invalid UTF-8, a message over the limit, a reset) closes this socket, with
      // its reason (ApiSocket), and nothing else: without a listener it would end the host.
      // ws closes the socket itself once the error is reported.
      ws.on('error', () => {});
      serveRpc(webSocketPort(ws as unknown as WebSocketLike), apiServiceShape, options.service);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
