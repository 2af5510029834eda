import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import sharp from 'sharp';
import { UPLOAD_LIMITS, type MenuCommand, type NeuroblocksApi } from '../../api/contract';
import { connectOverWebSocket, type WebSocketLike } from '../../api/connect';
import { uploadDataset } from '../../../renderer/src/data/data-import';
import { said } from '../../data/said-fixtures';
import { NeuroblocksService } from '../../services/services';
import { MAX_MESSAGE_BYTES, PROTOCOL_CLOSE_REASONS, startWebHost, type WebHost } from './web-host';

let root: string;
let host: WebHost;
let service: NeuroblocksService;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-web-host-'));
  const rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Neuroblocks</title><script type="module" src="./assets/app.js"></script>',
  );
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
  const text = `GET ${requestPath} HTTP/1.1\r\n${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
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
const upgrade = {
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
};

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
    // Neither inline scripts nor inline styles (React Flow and uPlot style through the CSSOM).
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
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
    for (const attempt of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/assets/link.txt',
      '/%00index.html',
      '/.hidden',
    ]) {
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

  function connect(
    url = socketUrl(),
    headers: Record<string, string> = { Origin: origin() },
  ): Promise<{ api: NeuroblocksApi & { dispose(): void } }> {
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
      await expect(api.openExample('no-such-example')).rejects.toMatchObject({
        code: 'not-found',
        message: expect.stringContaining('no example called'),
        fr: 'Il n’y a pas d’exemple nommé "no-such-example". Choisissez-en un dans la liste des exemples.',
        problem: { code: 'project:noSuchExample', params: { id: '"no-such-example"' } },
      });
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

/** A client-to-server frame (masked, as the protocol requires); `length` may claim more bytes than are sent. */
function frame(opcode: number, payload: Buffer, length = payload.length): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const head =
    length < 126
      ? Buffer.from([0x80 | opcode, 0x80 | length])
      : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), Buffer.from(new BigUint64Array([BigInt(length)]).buffer).reverse()]);
  return Buffer.concat([head, mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))]);
}

/** Opens the API socket by hand, sends `bytes` as they are, and gives the close frame the host answers with. */
function rawSocket(bytes: Buffer): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', reject);
    socket.on('connect', () => {
      socket.write(
        `GET /api?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: http://127.0.0.1:${host.port}\r\n${Object.entries(
          upgrade,
        )
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (!upgraded) {
        const end = data.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!data.subarray(0, end).toString().startsWith('HTTP/1.1 101')) return reject(new Error(data.toString()));
        upgraded = true;
        data = data.subarray(end + 4);
        socket.write(bytes);
      }
      // The server's frames are not masked; the close frame (opcode 8) carries the code and the reason.
      if (data.length >= 2 && (data[0] & 0x0f) === 8 && data.length >= 2 + (data[1] & 0x7f)) {
        const payload = data.subarray(2, 2 + (data[1] & 0x7f));
        resolve({ code: payload.readUInt16BE(0), reason: payload.subarray(2).toString('utf8') });
        socket.destroy();
      }
    });
    socket.on('close', () => reject(new Error('closed without a close frame')));
  });
}

describe('web host: a page that breaks the protocol', () => {
  function connect(): Promise<NeuroblocksApi & { dispose(): void }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
        headers: { Origin: `http://127.0.0.1:${host.port}` },
      });
      ws.once('open', () => resolve(connectOverWebSocket(ws as unknown as WebSocketLike)));
      ws.once('error', reject);
    });
  }

  it('closes a socket sending text that is not UTF-8, with the reason, and keeps serving the others', async () => {
    const other = await connect();
    try {
      const closed = await rawSocket(frame(1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
      expect(closed).toEqual({ code: 1007, reason: PROTOCOL_CLOSE_REASONS[1007] });
      expect(closed.reason).toContain('not valid UTF-8');
      expect((await other.getAppInfo()).name).toBe('Neuroblocks');
      const fresh = await connect();
      expect((await fresh.listDatasets()).length).toBeGreaterThan(0);
      fresh.dispose();
    } finally {
      other.dispose();
    }
  });

  it('closes a socket announcing a message over the limit before reading it, and keeps serving the others', async () => {
    const other = await connect();
    try {
      // Only the header of a 50 MiB-over-the-limit message is sent: the host must refuse it from its length alone.
      const closed = await rawSocket(frame(1, Buffer.from('{"kind":"request"'), MAX_MESSAGE_BYTES + 50 * 1024 * 1024));
      expect(closed).toEqual({ code: 1009, reason: PROTOCOL_CLOSE_REASONS[1009] });
      expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
      expect(closed.reason).toContain('send big files in parts');
      expect(await other.listExamples()).not.toHaveLength(0);
    } finally {
      other.dispose();
    }
  });

  it('takes an image upload bigger than one message in parts, and refuses one over the size limit without reading it', async () => {
    const api = await connect();
    try {
      // A real PNG of about 12 MB (noise does not compress), more than one part.
      const side = 2000;
      const noise = Buffer.alloc(side * side * 3);
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
      const big = await sharp(noise, { raw: { width: side, height: side, channels: 3 } })
        .png({ compressionLevel: 0 })
        .toBuffer();
      expect(big.length).toBeGreaterThan(UPLOAD_LIMITS.partBytes);
      expect(big.length).toBeLessThan(UPLOAD_LIMITS.imageBytes);
      const asPicked = (path: string, bytes: Buffer, reads: string[]) => ({
        path,
        size: bytes.length,
        read: async (start = 0, end = bytes.length) => {
          reads.push(path);
          return new Uint8Array(bytes.subarray(start, end)).buffer as ArrayBuffer;
        },
      });
      // About 48 MiB: sent whole, its message alone would pass the limit. Its bytes are never asked for.
      const huge = {
        path: 'grey/huge.png',
        size: 48 * 1024 * 1024,
        read: async (): Promise<ArrayBuffer> => {
          throw new Error('an image over the limit was read');
        },
      };
      const reads: string[] = [];
      const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
        .png()
        .toBuffer();
      const imported = await uploadDataset(
        api,
        { kind: 'imageFolder', name: 'big', files: [asPicked('grey/a.png', small, reads), asPicked('grey/big.png', big, reads), huge] },
        () => {},
      );
      expect(reads).toEqual(['grey/a.png', 'grey/big.png', 'grey/big.png']);
      expect(imported.refused.map(said)).toEqual([
        {
          file: 'grey/huge.png',
          reason: 'too big for a training image (48 MB; at most 25 MB)',
          reasonFr: 'trop grosse pour une image d’entraînement (48 Mo ; au plus 25 Mo)',
        },
      ]);
      const folder = path.join(imported.path, 'grey');
      expect((await readdir(folder)).sort()).toEqual(['a.png', 'big.png']);
      expect((await readFile(path.join(folder, 'big.png'))).equals(big)).toBe(true);
    } finally {
      api.dispose();
    }
  }, 60_000);
});
