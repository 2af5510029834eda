// Soak test of the web host's API socket: starts a host on 127.0.0.1 (and nowhere else) and sends
// it random and malformed WebSocket frames (binary data, text that is not UTF-8, truncated JSON,
// huge numbers, wrong message kinds, unknown methods, wrong argument types, prototype-pollution
// keys, protocol violations that must close the socket), bounded in count and in time, checking
// along the way and at the end that the host still answers a normal call.
//
//   node --import tsx core/hosts/web/soak.ts [--frames 10000] [--seconds 60] [--seed 1]
//
// Exit code 0 when the host answered throughout and at the end, 1 otherwise.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiEvents, apiMethods } from '../../api/contract';
import { apiArgumentSchemas, type ArgumentSpec } from '../../api/schemas';
import { NeuroblocksService } from '../../services/services';
import { LOOPBACK, MAX_MESSAGE_BYTES, startWebHost, type WebHost } from './web-host';
import { seededRandom } from '../../data/random';

export interface SoakOptions {
  frames?: number;
  /** Stops sending when this time is over, whatever the count. */
  seconds?: number;
  seed?: number;
}

export interface SoakReport {
  framesSent: number;
  /** Frames sent, by kind. */
  kinds: Record<string, number>;
  /** Sockets the host closed, by close code (`none` when it dropped the connection without a close frame). */
  closes: Record<string, number>;
  connections: number;
  /** Normal calls made between the frames, and how many were answered in time. */
  liveness: { asked: number; answered: number };
  /** Sockets closed by the host after a frame that should have left them open. */
  unexpectedCloses: number;
  /** Replies to requests: results and errors by code. */
  replies: Record<string, number>;
  /** The same by the kind of frame that asked. */
  repliesByKind: Record<string, Record<string, number>>;
  seconds: number;
  /** True when the last normal call, on a fresh socket, was answered. */
  answersAtTheEnd: boolean;
  /** True when no object's prototype was changed by the frames. */
  prototypesIntact: boolean;
}

const random = seededRandom;

interface Frame {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload: Buffer;
  /** Client frames must be masked; false makes a frame the host must refuse. */
  masked?: boolean;
  /** A length header claiming more (or fewer) bytes than the payload. */
  claimedLength?: number;
}

function encode({ fin = true, rsv = 0, opcode, payload, masked = true, claimedLength }: Frame): Buffer {
  const length = claimedLength ?? payload.length;
  const first = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  const maskBit = masked ? 0x80 : 0;
  let head: Buffer;
  if (length < 126) head = Buffer.from([first, maskBit | length]);
  else if (length < 0x10000) {
    head = Buffer.from([first, maskBit | 126, 0, 0]);
    head.writeUInt16BE(length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = first;
    head[1] = maskBit | 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([head, payload]);
  const mask = Buffer.from([0x9e, 0x37, 0x79, 0xb9]);
  const body = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) body[i] = payload[i] ^ mask[i & 3];
  return Buffer.concat([head, mask, body]);
}

/** A WebSocket client written by hand, so that it can send what no library would. */
class RawSocket {
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<number, () => void>();
  closeCode: number | undefined;
  /** Resolves when the host sends its close frame or drops the connection. */
  readonly closed: Promise<void>;
  private markClosed!: () => void;

  private constructor(
    private readonly socket: net.Socket,
    private readonly onReply: (reply: string, id: unknown) => void,
  ) {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    socket.once('close', () => this.markClosed());
    socket.on('data', (chunk: Buffer) => this.read(chunk));
  }

  static open(port: number, token: string, onReply: (reply: string, id: unknown) => void): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, LOOPBACK);
      socket.setNoDelay(true);
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        if (!head.subarray(0, end).toString('latin1').startsWith('HTTP/1.1 101')) {
          socket.destroy();
          reject(new Error(`The host refused the upgrade: ${head.subarray(0, end).toString('latin1')}`));
          return;
        }
        const raw = new RawSocket(socket, onReply);
        if (head.length > end + 4) raw.read(head.subarray(end + 4));
        resolve(raw);
      };
      socket.on('data', onData);
      socket.on('error', (error) => reject(error));
      socket.once('connect', () => {
        socket.write(
          `GET /api?token=${token} HTTP/1.1\r\nHost: ${LOOPBACK}:${port}\r\nOrigin: http://${LOOPBACK}:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.from(String(Math.random()).slice(0, 16).padEnd(16, '0')).toString('base64')}\r\n\r\n`,
        );
      });
    });
  }

  get isOpen(): boolean {
    return !this.socket.destroyed && this.closeCode === undefined;
  }

  send(bytes: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Resolves when the reply to request `id` arrives, or false after `ms`. */
  answer(id: number, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(false);
      }, ms);
      this.waiting.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** The host's frames (never masked): text replies are counted, a close frame noted. */
  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0] & 0x0f;
      let length = this.buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 8) {
        this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        this.markClosed();
      }
      if (opcode !== 1) continue;
      try {
        const message = JSON.parse(payload.toString('utf8')) as {
          kind?: string;
          id?: number;
          error?: { code?: string; details?: { argument?: unknown } };
        };
        // A bad request refused by the transport's argument check names the argument; the services' own refusals do not.
        const refusedArgument = message.error?.code === 'bad-request' && typeof message.error.details?.argument === 'number';
        if (message.kind === 'result' || message.kind === 'error')
          this.onReply(
            message.kind === 'result' ? 'result' : `error:${message.error?.code}${refusedArgument ? ':argument' : ''}`,
            message.id,
          );
        if (typeof message.id === 'number') this.waiting.get(message.id)?.();
      } catch {
        this.onReply('unreadable', undefined);
      }
    }
  }
}

const text = (value: string) => Buffer.from(value, 'utf8');
const json = (value: unknown) => text(JSON.stringify(value));

/** Values of every JSON kind; for a method's argument, the ones its schema refuses. */
const candidates: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  '',
  'text',
  'a\0b',
  '/proc/self',
  '../../../../etc/passwd',
  [],
  [1, 'two', null],
  {},
  { kind: 'nonsense' },
  { project: 7, format: 'zip' },
];
/** Names that are not API methods, some of them other members of the service or of every object. */
const unknownMethods = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'sendMenuCommand',
  'settings',
  'closeProjectFiles',
  'projectsDirectory',
  'training',
  'eval',
  '',
  'getAppInfo ',
  'GETAPPINFO',
  'onTrainingEvent',
  'x'.repeat(10_000),
];

type Generator = (pick: <T>(items: readonly T[]) => T, rand: () => number, id: number) => { frame: Frame; closes: boolean };

const generators: Record<string, Generator> = {
  binary: (_pick, rand) => ({
    frame: { opcode: 2, payload: Buffer.from(Array.from({ length: Math.floor(rand() * 512) }, () => Math.floor(rand() * 256))) },
    closes: false,
  }),
  invalidUtf8: (pick) => ({
    frame: {
      opcode: 1,
      payload: pick([
        Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
        Buffer.from([0xc3, 0x28]),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('{"kind":"request","id":1,"method":"getAppInfo","args":["\xff"]}', 'latin1'),
      ]),
    },
    closes: true,
  }),
  truncatedJson: (pick, rand, id) => {
    const whole = JSON.stringify({ kind: 'request', id, method: pick(apiMethods), args: [{ name: 'a', nested: [1, 2, { deep: 'x' }] }] });
    return { frame: { opcode: 1, payload: text(whole.slice(0, Math.floor(rand() * (whole.length - 1)))) }, closes: false };
  },
  hugeNumbers: (pick, _rand, id) => ({
    frame: {
      opcode: 1,
      payload: text(
        pick([
          `{"kind":"request","id":1e400,"method":"getAppInfo","args":[]}`,
          `{"kind":"request","id":${id},"method":"getRunSnapshot","args":["a.nbproj",1${'0'.repeat(400)}]}`,
          `{"kind":"request","id":${id},"method":"predict","args":[[1e308,-1e308,1e-400,${'9'.repeat(1000)}]]}`,
          `{"kind":"request","id":18446744073709551616,"method":"listExamples","args":[]}`,
          `{"kind":"request","id":${id},"method":"getTestSamples","args":[{"actual":-0,"predicted":1e21,"limit":9007199254740993}]}`,
          `{"kind":"request","id":${id},"method":"startTraining","args":[{},{"epochs":1e999,"size":-1e999}]}`,
        ]),
      ),
    },
    closes: false,
  }),
  wrongKind: (pick, _rand, id) => ({
    frame: {
      opcode: 1,
      payload: text(
        pick([
          'null',
          'true',
          '42',
          '"request"',
          '[]',
          '{}',
          `{"kind":42,"id":${id}}`,
          `{"kind":"result","id":${id},"value":1}`,
          `{"kind":"error","id":${id}}`,
          `{"kind":"event","event":"onAutosave","payload":{}}`,
          `{"kind":["request"],"id":${id},"method":"getAppInfo","args":[]}`,
          `{"kind":"request","id":"${id}","method":"getAppInfo","args":[]}`,
          `{"kind":"request","id":${id},"method":"getAppInfo","args":{"0":1}}`,
          `{"kind":"request","id":${id},"method":"getAppInfo"}`,
        ]),
      ),
    },
    closes: false,
  }),
  unknownMethod: (pick, _rand, id) => ({
    frame: { opcode: 1, payload: json({ kind: 'request', id, method: pick(unknownMethods), args: [] }) },
    closes: false,
  }),
  wrongArguments: (pick, rand, id) => {
    const [method, specs] = pick(Object.entries(apiArgumentSchemas).filter(([, s]) => s.length > 0) as [string, readonly ArgumentSpec[]][]);
    const index = Math.floor(rand() * specs.length);
    const refused = candidates.filter((c) => !specs[index].schema.safeParse(c).success);
    const args = specs.slice(0, index).map((s) => candidates.find((c) => s.schema.safeParse(c).success) ?? null);
    return {
      frame: { opcode: 1, payload: json({ kind: 'request', id, method, args: [...args, pick(refused.length ? refused : [null])] }) },
      closes: false,
    };
  },
  pollution: (pick, _rand, id) => ({
    frame: {
      opcode: 1,
      payload: text(
        pick([
          `{"__proto__":{"kind":"request","polluted":true},"id":${id}}`,
          `{"kind":"request","id":${id},"method":"analyzeGraph","args":[{"nodes":[],"edges":[],"__proto__":{"polluted":true}}]}`,
          `{"kind":"request","id":${id},"method":"newProject","args":[{"constructor":{"prototype":{"polluted":true}}}]}`,
          `{"kind":"request","id":${id},"method":"saveProjectAs","args":["p",{"__proto__":{"polluted":true}},{"overwrite":true}]}`,
          `{"kind":"subscribe","event":"__proto__"}`,
          `{"kind":"request","id":${id},"method":"__proto__","args":[]}`,
          `{"kind":"request","id":${id},"method":"exportModel","args":[{"project":{},"format":"tfjs","__proto__":{"outDir":"/tmp/polluted"}}]}`,
        ]),
      ),
    },
    closes: false,
  }),
  deepNesting: (pick, _rand, id) => {
    const depth = pick([1000, 100_000]);
    return {
      frame: {
        opcode: 1,
        payload: text(
          pick([
            `${'['.repeat(depth)}${']'.repeat(depth)}`,
            `{"kind":"request","id":${id},"method":"analyzeGraph","args":[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]}`,
          ]),
        ),
      },
      closes: false,
    };
  },
  subscriptions: (pick) => ({
    frame: {
      opcode: 1,
      payload: json({ kind: pick(['subscribe', 'unsubscribe']), event: pick([...apiEvents, 'onNothing', 42, null, '']) }),
    },
    closes: false,
  }),
  ping: (_pick, rand) => ({ frame: { opcode: 9, payload: Buffer.alloc(Math.floor(rand() * 125), 7) }, closes: false }),
  controlTooLong: () => ({ frame: { opcode: 9, payload: Buffer.alloc(200, 1) }, closes: true }),
  reservedOpcode: (pick) => ({ frame: { opcode: pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload: text('x') }, closes: true }),
  reservedBits: (pick) => ({ frame: { opcode: 1, rsv: pick([1, 2, 4]), payload: text('{}') }, closes: true }),
  unmasked: () => ({ frame: { opcode: 1, payload: text('{}'), masked: false }, closes: true }),
  lonelyContinuation: () => ({ frame: { opcode: 0, payload: text('"}') }, closes: true }),
  fragmentedControl: () => ({ frame: { opcode: 9, fin: false, payload: text('ping') }, closes: true }),
  overLimit: (pick, rand) => ({
    frame: {
      opcode: pick([1, 2]),
      payload: text('{"kind":"request"'),
      claimedLength: MAX_MESSAGE_BYTES + 1 + Math.floor(rand() * 1024 * 1024 * 1024),
    },
    closes: true,
  }),
  closeFrame: (pick) => ({
    frame: {
      opcode: 8,
      payload: pick([
        Buffer.alloc(0),
        Buffer.from([0x03, 0xe8]),
        Buffer.from([0x03, 0xe8, 0xff, 0xfe]),
        Buffer.from([0x00, 0x01]),
        Buffer.from([0x07]),
      ]),
    },
    closes: true,
  }),
};

export async function soak(options: SoakOptions = {}): Promise<SoakReport> {
  const frames = options.frames ?? 10_000;
  const deadline = Date.now() + (options.seconds ?? 60) * 1000;
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const started = performance.now();
  const root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-soak-'));
  const rendererDir = path.join(root, 'renderer');
  const service = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: path.join(root, 'projects') });
  let host: WebHost | undefined;
  const report: SoakReport = {
    framesSent: 0,
    kinds: {},
    closes: {},
    connections: 0,
    unexpectedCloses: 0,
    liveness: { asked: 0, answered: 0 },
    replies: {},
    repliesByKind: {},
    seconds: 0,
    answersAtTheEnd: false,
    prototypesIntact: true,
  };
  /** The kind of frame each request id was sent in. */
  const sentAs = new Map<number, string>();
  const onReply = (reply: string, id: unknown) => {
    report.replies[reply] = (report.replies[reply] ?? 0) + 1;
    const kind = (typeof id === 'number' && sentAs.get(id)) || 'other';
    const byKind = (report.repliesByKind[kind] ??= {});
    byKind[reply] = (byKind[reply] ?? 0) + 1;
  };
  try {
    host = await startWebHost({ service, rendererDir, port: 0 });
    const open = async () => {
      report.connections++;
      return RawSocket.open(host!.port, host!.token, onReply);
    };
    const noteClose = async (socket: RawSocket) => {
      await Promise.race([socket.closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
      const code = socket.closeCode === undefined ? 'none' : String(socket.closeCode);
      report.closes[code] = (report.closes[code] ?? 0) + 1;
      socket.destroy();
    };
    /** A normal call on `socket`, answered within a few seconds. */
    const alive = async (socket: RawSocket, id: number) => {
      report.liveness.asked++;
      sentAs.set(id, 'liveness');
      const answered = socket.answer(id, 10_000);
      socket.send(encode({ opcode: 1, payload: json({ kind: 'request', id, method: 'getAppInfo', args: [] }) }));
      if (await answered) report.liveness.answered++;
    };
    const names = Object.keys(generators);
    let socket = await open();
    let id = 1;
    while (report.framesSent < frames && Date.now() < deadline) {
      if (!socket.isOpen) {
        report.unexpectedCloses++;
        await noteClose(socket);
        socket = await open();
      }
      const kind = pick(names);
      sentAs.set(id, kind);
      const { frame, closes } = generators[kind](pick, rand, id++);
      socket.send(encode(frame));
      report.framesSent++;
      report.kinds[kind] = (report.kinds[kind] ?? 0) + 1;
      if (closes) {
        await noteClose(socket);
        socket = await open();
      } else if (report.framesSent % 50 === 0) {
        if (socket.isOpen) await alive(socket, id++);
      }
    }
    socket.destroy();
    // The end: a fresh socket, a normal call.
    const last = await open();
    const lastId = 1_000_000_000;
    const answered = last.answer(lastId, 10_000);
    last.send(encode({ opcode: 1, payload: json({ kind: 'request', id: lastId, method: 'listExamples', args: [] }) }));
    report.answersAtTheEnd = await answered;
    last.destroy();
    report.prototypesIntact =
      ({} as Record<string, unknown>).polluted === undefined &&
      (Object.prototype as unknown as Record<string, unknown>).outDir === undefined;
  } finally {
    await host?.close();
    service.closeProjectFiles();
    await rm(root, { recursive: true, force: true });
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

/** The host answered every normal call, closed no socket without cause, never failed with an internal error, and no prototype changed. */
export function soakPassed(report: SoakReport): boolean {
  return (
    report.answersAtTheEnd &&
    report.prototypesIntact &&
    report.liveness.answered === report.liveness.asked &&
    report.unexpectedCloses === 0 &&
    !report.replies['error:internal'] &&
    !report.closes.none
  );
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number, not ${process.argv[index + 1]}`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const report = await soak({ frames: option('frames', 10_000), seconds: option('seconds', 60), seed: option('seed', 1) });
  console.log(JSON.stringify(report, null, 2));
  const ok = soakPassed(report);
  console.log(
    ok
      ? `The host answered throughout: ${report.framesSent} frames in ${report.seconds} s over ${report.connections} connections, with no internal error.`
      : 'The host stopped answering, closed a socket it should have kept, answered with an internal error, or had a prototype changed.',
  );
  process.exitCode = ok ? 0 : 1;
}
