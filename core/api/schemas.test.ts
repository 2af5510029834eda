import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemText } from '../i18n/translate';
import { NeuroblocksService } from '../services/services';
import { apiMethods, type NeuroblocksApi } from './contract';
import { createPortPair, createRpcClient, RemoteError, serveRpc, type RpcMessage } from './rpc';
import { apiArgumentSchemas, apiServiceShape, checkApiArguments, pathRefusal, type ArgumentSpec } from './schemas';

let root: string;
let service: NeuroblocksService;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-api-arguments-'));
  service = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: path.join(root, 'projects') });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The real service behind the transport, as the web host and the desktop app serve it. */
function connect(target: object = service) {
  const [clientPort, serverPort] = createPortPair();
  serveRpc(serverPort, apiServiceShape, target);
  return { api: createRpcClient<NeuroblocksApi>(clientPort, apiServiceShape), clientPort };
}

/** Sends a raw request (arguments exactly as given) and waits for its answer. */
function rawCall(port: ReturnType<typeof createPortPair>[0], id: number, method: string, args: unknown[]): Promise<RpcMessage> {
  return new Promise((resolve) => {
    const stop = port.onMessage((m) => {
      const reply = m as RpcMessage;
      if ((reply.kind === 'result' || reply.kind === 'error') && reply.id === id) {
        stop();
        resolve(reply);
      }
    });
    port.post({ kind: 'request', id, method, args });
  });
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as RemoteError,
  );

describe('API arguments are checked at the transport', () => {
  it('refuses newProject(null) naming the argument, in English and French', async () => {
    const { api } = connect();
    const error = await failure(api.newProject(null as never));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      code: 'bad-request',
      message: 'The call of newProject was refused: its first argument, options, must be an object or be left out; it was null.',
      fr: 'L’appel de newProject a été refusé : son premier argument, options, doit être un objet ou être omis ; c’était null.',
      details: { method: 'newProject', argument: 0, name: 'options' },
    });
    // Left out, it is fine.
    expect((await api.newProject()).project.name).toBe('Untitled');
  });

  it('refuses saveProjectAs(name, project, null) and writes nothing', async () => {
    const { api } = connect();
    const { project } = await api.newProject({ name: 'Kept' });
    const before = await readdir(path.join(root, 'projects')).catch(() => []);
    const error = await failure(api.saveProjectAs('kept-copy.json', project, null as never));
    expect(error).toMatchObject({ code: 'bad-request', details: { method: 'saveProjectAs', argument: 2, name: 'options' } });
    expect(error!.message).toContain('third argument, options, must be an object');
    expect(error!.fr).toContain('troisième argument, options, doit être un objet');
    expect(await readdir(path.join(root, 'projects')).catch(() => [])).toEqual(before);
    expect((await api.saveProjectAs('kept-copy.json', project)).location).toBe(path.join(root, 'projects', 'kept-copy.json'));
  });

  it('refuses an export folder holding NUL or inside /proc before anything is written', async () => {
    const { api } = connect();
    const { project } = await api.newProject({ name: 'Exported' });
    const nul = await failure(api.exportModel({ project, format: 'tfjs', outDir: path.join(root, 'out\0put') }));
    expect(nul).toMatchObject({ code: 'bad-request', details: { method: 'exportModel', name: 'request', path: '.outDir' } });
    expect(nul!.message).toContain('request.outDir, must not be used: it contains a NUL character');
    expect(nul!.fr).toContain('caractère NUL');
    for (const outDir of ['/proc/self/cwd', '/proc/self', '/tmp/../proc/self/fd', '/sys/kernel', '/dev/shm/x']) {
      const error = await failure(api.exportModel({ project, format: 'tfjs', outDir }));
      expect(error, outDir).toMatchObject({ code: 'bad-request', details: { path: '.outDir' } });
      expect(error!.message).toMatch(/is inside \/(proc|sys|dev), a folder of the operating system/);
      expect(error!.fr).toMatch(/est dans \/(proc|sys|dev), un dossier du système d’exploitation/);
    }
    for (const location of ['a\0.json', '/proc/self/environ']) {
      expect(await failure(api.openProject(location)), location).toMatchObject({
        code: 'bad-request',
        details: { method: 'openProject', name: 'location' },
      });
    }
  });

  it('tells path refusals from ordinary paths', () => {
    for (const ok of [
      '/home/ana/projects/a.json',
      'relative/a.json',
      'C:\\Users\\ana\\a.nbproj',
      '/procedures/a.json',
      '/tmp/proc/x',
      'devices.json',
    ])
      expect(pathRefusal(ok), ok).toBeUndefined();
    for (const bad of ['/proc', '/proc/1/mem', '/sys', '\\dev\\zero', '/home/../dev/zero', 'a\0b'])
      expect(pathRefusal(bad), bad).toBeDefined();
  });

  it('refuses prototype-pollution keys anywhere in an argument', async () => {
    const { clientPort } = connect();
    const polluted = JSON.parse('{"nodes":[],"edges":[],"x":{"__proto__":{"polluted":true}}}') as unknown;
    const reply = await rawCall(clientPort, 1, 'analyzeGraph', [polluted]);
    expect(reply).toMatchObject({ kind: 'error', error: { code: 'bad-request', details: { name: 'graph', path: '.x.__proto__' } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses extra arguments and missing ones', async () => {
    const { clientPort } = connect();
    expect(await rawCall(clientPort, 1, 'listExamples', [1])).toMatchObject({
      error: { code: 'bad-request', message: 'The call of listExamples was refused: it takes no arguments, not 1.' },
    });
    expect(checkApiArguments('openProject', ['a.json', 2])?.message).toBe(
      'The call of openProject was refused: it takes at most 1 argument (location), not 2.',
    );
    expect(problemText(checkApiArguments('saveProjectAs', ['a.json', {}, {}, 4])!.problem!, 'fr')).toBe(
      'L’appel de saveProjectAs a été refusé : il prend au plus 3 arguments (fileName, project, options), et non 4.',
    );
    expect(await rawCall(clientPort, 2, 'openProject', [])).toMatchObject({
      error: { code: 'bad-request', message: 'The call of openProject was refused: its first argument, location, is missing.' },
    });
  });
});

describe('the cut of a base imported from a file, and the weights-only project dialog', () => {
  const into = (upTo: unknown) => ({ location: '/home/ana/shapes.nbproj', project: { name: 'x' }, upTo });
  it('refuses an empty or non-text block to cut at, naming into.upTo, in English and French', () => {
    const empty = checkApiArguments('importNetwork', [{ uploadId: 'u1' }, into('')]);
    expect(empty).toMatchObject({
      code: 'bad-request',
      message: 'The call of importNetwork was refused: its second argument, into.upTo, must have at least 1 character.',
      problem: { code: 'api:refused', params: { method: 'importNetwork', ordinal: 'second', where: 'into.upTo' } },
    });
    expect(problemText(empty!.problem!, 'fr')).toBe(
      'L’appel de importNetwork a été refusé : son deuxième argument, into.upTo, doit avoir au moins 1 caractère.',
    );
    const wrongType = checkApiArguments('importNetwork', [{ uploadId: 'u1' }, into(3)]);
    expect(wrongType?.message).toBe(
      'The call of importNetwork was refused: its second argument, into.upTo, must be the id of the block the base ends with (a text); it was the number 3.',
    );
    expect(problemText(wrongType!.problem!, 'fr')).toMatch(/into\.upTo, doit être l’identifiant du bloc où la base s’arrête \(un texte\)/);
    expect(checkApiArguments('importNetwork', [{ uploadId: 'u1' }, into('x'.repeat(201))])?.message).toMatch(
      /into\.upTo, must have at most 200 characters/,
    );
    expect(checkApiArguments('importNetwork', [{ uploadId: 'u1' }, into('flatten')])).toBeUndefined();
    expect(
      checkApiArguments('importNetwork', [
        { file: '/home/ana/mobile.onnx' },
        { location: '/home/ana/shapes.nbproj', project: { name: 'x' } },
      ]),
    ).toBeUndefined();
  });
  it('refuses a network source that is neither a file nor an upload, and an upload id that is not one', () => {
    expect(checkApiArguments('readNetwork', [{}])?.message).toMatch(/^The call of readNetwork was refused: its first argument, source, /);
    expect(checkApiArguments('readNetwork', [{ file: '/home/ana/mobile.onnx' }])).toBeUndefined();
    expect(checkApiArguments('discardNetworkUpload', [''])?.message).toBe(
      'The call of discardNetworkUpload was refused: its first argument, uploadId, must have at least 1 character.',
    );
    expect(checkApiArguments('discardNetworkUpload', [])?.message).toMatch(/uploadId, is missing/);
  });
  it('refuses an unknown or wrongly typed option of the open dialog', () => {
    expect(checkApiArguments('showOpenDialog', [{ weights: 'yes' }])?.message).toMatch(/options\.weights, must be/);
    expect(checkApiArguments('showOpenDialog', [{ only: '.nbproj' }])?.message).toMatch(/showOpenDialog was refused/);
    expect(checkApiArguments('showOpenDialog', [{ weights: true }])).toBeUndefined();
    expect(checkApiArguments('showOpenDialog', [])).toBeUndefined();
  });
});

/** Values of every JSON kind; the ones a schema refuses are wrong arguments for it. */
const candidates: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  '',
  'text',
  'a\0b',
  '/proc/self',
  [],
  [1, 'two'],
  {},
  { kind: 'nonsense' },
  { project: 7 },
];

/** For each method and argument, every candidate its schema refuses, with the other arguments left valid where we know a valid value. */
function wrongCalls(): { method: string; index: number; name: string; args: unknown[] }[] {
  const calls: { method: string; index: number; name: string; args: unknown[] }[] = [];
  for (const [method, specs] of Object.entries(apiArgumentSchemas) as [string, readonly ArgumentSpec[]][]) {
    specs.forEach((spec, index) => {
      for (const value of candidates) {
        if (spec.schema.safeParse(value).success) continue;
        // Earlier arguments: the first candidate their schema takes, so that the refusal is about this one.
        const before = specs.slice(0, index).map((s) => candidates.find((c) => s.schema.safeParse(c).success));
        if (before.some((v) => v === undefined)) continue;
        calls.push({ method, index, name: spec.name, args: [...before, value] });
      }
    });
  }
  return calls;
}

describe('every method refuses wrong argument types (generated from the schemas)', () => {
  it('has schemas for every method of the contract', () => {
    expect(Object.keys(apiArgumentSchemas).sort()).toEqual([...apiMethods].sort());
  });

  it('answers bad-request naming the method and the argument, and never calls the service', async () => {
    const called: string[] = [];
    // A service that records any call that got through: none may.
    const recorder = Object.fromEntries(apiMethods.map((m) => [m, async () => void called.push(m)]));
    const { clientPort } = connect(recorder);
    const calls = wrongCalls();
    expect(calls.length).toBeGreaterThan(200);
    expect(new Set(calls.map((c) => c.method)).size).toBe(Object.values(apiArgumentSchemas).filter((s) => s.length > 0).length);
    let id = 1;
    for (const call of calls) {
      const reply = await rawCall(clientPort, id++, call.method, call.args);
      expect(reply.kind, `${call.method}(${JSON.stringify(call.args)})`).toBe('error');
      const error = (reply as Extract<RpcMessage, { kind: 'error' }>).error;
      expect(error.code, `${call.method}(${JSON.stringify(call.args)})`).toBe('bad-request');
      expect(error.message).toContain(`The call of ${call.method} was refused`);
      expect(error.message).toContain(call.name);
      expect(problemText(error.problem!, 'fr')).toContain(`L’appel de ${call.method} a été refusé`);
      expect(problemText(error.problem!, 'en')).toBe(error.message);
      expect(error.details).toMatchObject({ method: call.method, argument: call.index, name: call.name });
    }
    expect(called).toEqual([]);
  });

  it('gives no internal error from the real service for any of them', async () => {
    const { clientPort } = connect();
    let id = 1;
    for (const call of wrongCalls()) {
      const reply = await rawCall(clientPort, id++, call.method, call.args);
      expect(reply.kind === 'error' && reply.error.code, `${call.method}(${JSON.stringify(call.args)})`).toBe('bad-request');
    }
  });

  it('lets well-formed calls through', () => {
    expect(checkApiArguments('saveProjectAs', ['a.json', { name: 'x' }, { overwrite: true }])).toBeUndefined();
    expect(
      checkApiArguments('exportModel', [
        { project: {}, format: 'onnx', outDir: '/home/ana/out', runId: 2, location: '/home/ana/a.nbproj', checkpoint: 'best' },
      ]),
    ).toBeUndefined();
    expect(
      checkApiArguments('previewDataset', [
        { kind: 'csv', path: 'datasets/iris/iris.csv', labelColumn: 'species' },
        { location: '/home/ana/a.nbproj' },
      ]),
    ).toBeUndefined();
    expect(
      checkApiArguments('uploadDatasetFiles', [
        'id',
        [
          { path: 'cats/1.png', base64: 'iVBORw0KGgo=', size: 8 },
          { path: 'big.csv', base64: '', append: true },
        ],
      ]),
    ).toBeUndefined();
    expect(checkApiArguments('predict', [Array.from({ length: 784 }, () => 0.5)])).toBeUndefined();
    expect(checkApiArguments('getFilters', [])).toBeUndefined();
    expect(checkApiArguments('predictRow', [{ sepal_length: '5.1', petal_width: '0,2' }])).toBeUndefined();
    expect(checkApiArguments('predictRow', [{ sepal_length: 5.1 }])?.message).toContain('predictRow');
  });
});
