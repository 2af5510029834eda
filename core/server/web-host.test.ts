import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MenuCommand, NeuroblocksApi } from '../api/contract';
import { connectOverWebSocket, type WebSocketLike } from '../api/connect';
import { NeuroblocksService } from './services';
import { startWebHost, type WebHost } from './web-host';

let root: string;
let host: WebHost;
let service: NeuroblocksService;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-web-host-'));
  const rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Neuroblocks</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(path.join(rendererDir, 'assets', 'style.css'), 'body{}');
  await writeFile(path.join(rendererDir, 'assets', 'ort.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(path.join(root, 'secret.txt'), 'TOP SECRET');
  await symlink(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  service = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: path.join(root, 'projects') });
  host = await startWebHost({ service, rendererDir, port: 0 });
});

afterAll(async () => {
  await host?.close();
  await rm(root, { recursive: true, force: true });
});

/** Sends one raw HTTP request (the path exactly as written, any headers) and returns the response head and body. */
function raw(requestPath: string, headers: Record<string, string> = {}): Promise<{ status: number; head: string; body: string }> {
  const all = { Host: `127.0.0.1:${host.port}`, Connection: 'close', ...headers };
  const text = `GET ${requestPath} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...body] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0), head, body: body.join('\r\n\r\n') });
    });
  });
}

const withToken = (p: string) => `${p}${p.includes('?') ? '&' : '?'}token=${host.token}`;
const upgrade = { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };

describe('web host: static files', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the page with the token, a strict CSP and a session cookie', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('set-cookie')).toBe(`neuroblocks_${host.port}=${host.token}; Path=/; HttpOnly; SameSite=Strict`);
    expect(await response.text()).toContain('<title>Neuroblocks</title>');
  });

  it('serves assets with their MIME types to a page holding the cookie', async () => {
    const cookie = `neuroblocks_${host.port}=${host.token}`;
    for (const [file, type] of [
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/style.css', 'text/css; charset=utf-8'],
      ['/assets/ort.wasm', 'application/wasm'],
    ]) {
      const response = await fetch(`http://127.0.0.1:${host.port}${file}`, { headers: { cookie } });
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
    }
  });

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await raw('/')).status).toBe(403);
    expect((await raw('/assets/app.js')).status).toBe(403);
    expect((await raw(`/?token=${'x'.repeat(host.token.length)}`)).status).toBe(403);
    expect((await raw('/', { Cookie: `neuroblocks_${host.port}=wrong` })).status).toBe(403);
  });

  it('refuses another Host (DNS rebinding) or another Origin, even with the token', async () => {
    expect((await raw(withToken('/'), { Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await raw(withToken('/'), { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await raw(withToken('/'), { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw(withToken('/'), { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const attempt of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c%2e%2e%5csecret.txt', '/assets/link.txt', '/%00index.html', '/.hidden']) {
      const response = await raw(withToken(attempt));
      expect(response.status, attempt).toBe(404);
      expect(response.body).not.toContain('TOP SECRET');
    }
  });

  it('answers unknown asset paths with 404 and the app routes with the page', async () => {
    expect((await raw(withToken('/assets/missing.js'))).status).toBe(404);
    const route = await raw(withToken('/editor'));
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Neuroblocks</title>');
  });
});

describe('web host: API socket', () => {
  const socketUrl = (token = host.token) => `ws://127.0.0.1:${host.port}/api?token=${token}`;
  const origin = () => `http://127.0.0.1:${host.port}`;

  function connect(url = socketUrl(), headers: Record<string, string> = { Origin: origin() }): Promise<{ api: NeuroblocksApi & { dispose(): void } }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve({ api: connectOverWebSocket(ws as unknown as WebSocketLike) }));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }

  it('answers API calls, carries errors and pushes events', async () => {
    const { api } = await connect();
    try {
      expect(await api.getAppInfo()).toMatchObject({ name: 'Neuroblocks', host: 'web', nativeDialogs: false });
      const examples = await api.listExamples();
      expect(examples.find((e) => e.id === 'mnist-cnn')?.totalParams).toBe(42_358);
      await expect(api.openExample('no-such-example')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('no example called') });
      const received = new Promise<MenuCommand>((resolve) => api.onMenuCommand(resolve));
      // The subscription travels to the host first.
      await api.listDatasets();
      service.sendMenuCommand({ command: 'undo' });
      expect(await received).toEqual({ command: 'undo' });
    } finally {
      api.dispose();
    }
  });

  it('refuses an upgrade with a wrong token, another Origin, another Host or another path', async () => {
    await expect(connect(socketUrl('nope'))).rejects.toThrow('HTTP 403');
    await expect(connect(`ws://127.0.0.1:${host.port}/api`)).rejects.toThrow('HTTP 403');
    await expect(connect(socketUrl(), { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    expect((await raw(`/api?token=${host.token}`, { ...upgrade, Host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await raw(`/other?token=${host.token}`, upgrade)).status).toBe(403);
  });
});
