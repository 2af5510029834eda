// Each area of the API is served by one class whose methods are exactly its area's, and the
// service hosts construct hands every call of the API to that class.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPortPair, createRpcClient, serveRpc } from '../api/rpc';
import { apiServiceShape } from '../api/schemas';
import { apiAreas, apiEvents, apiMethods, type NeuroblocksApi } from '../api/contract';
import { AppService } from './app-service';
import { DataService } from './data-service';
import { EventsService } from './events-service';
import { ExportService } from './export-service';
import { GraphService } from './graph-service';
import { InferenceService } from './inference-service';
import { PretrainedService } from './pretrained-service';
import { ProjectsService } from './projects-service';
import { RunsService } from './runs-service';
import { NeuroblocksService, serviceAreas } from './services';
import { createServiceContext } from './service-context';
import { TrainingService } from './training-service';

const areas = [
  {
    name: 'app',
    type: AppService,
    members: apiAreas.app,
  },
  {
    name: 'projects',
    type: ProjectsService,
    members: apiAreas.projects,
  },
  { name: 'graph', type: GraphService, members: apiAreas.graph },
  {
    name: 'data',
    type: DataService,
    members: apiAreas.data,
  },
  {
    name: 'runs',
    type: RunsService,
    members: apiAreas.runs,
  },
  { name: 'export', type: ExportService, members: apiAreas.export },
  {
    name: 'training',
    type: TrainingService,
    members: apiAreas.training,
  },
  {
    name: 'inference',
    type: InferenceService,
    members: apiAreas.inference,
  },
  {
    name: 'pretrained',
    type: PretrainedService,
    members: apiAreas.pretrained,
  },
  {
    name: 'events',
    type: EventsService,
    members: apiAreas.events,
  },
] as const;

/** The methods a class's instances get from its prototype chain, as a host's RPC server would find them. */
function prototypeMethods(type: abstract new (...args: never[]) => unknown): string[] {
  const names: string[] = [];
  for (let proto = type.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto))
    for (const name of Object.getOwnPropertyNames(proto))
      if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function') names.push(name);
  return names.sort();
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-areas-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

describe('the API areas', () => {
  it.each(areas.map((area) => [area.name, area] as const))('the %s class has exactly the methods of its area interface', (_name, area) => {
    expect(prototypeMethods(area.type)).toEqual([...area.members].sort());
  });

  it('serve every method and event of the API once, and nothing else', () => {
    const served = areas.flatMap((area) => prototypeMethods(area.type));
    expect(served.length).toBe(new Set(served).size);
    expect(served.sort()).toEqual([...apiMethods, ...apiEvents].sort());
  });

  it('are what the composed service is made of, one object per area', () => {
    const built = serviceAreas(createServiceContext({ host: 'web', configDir: path.join(root, 'config'), projectsDir: root }));
    expect(Object.keys(built).sort()).toEqual(areas.map((area) => area.name).sort());
    for (const area of areas) expect(built[area.name]).toBeInstanceOf(area.type);
  });
});

describe('NeuroblocksService', () => {
  it('hands each call of the API, with its arguments, to the area that serves it', async () => {
    const spies = areas.flatMap((area) =>
      area.members.map((name) => {
        const spy = vi
          .spyOn(area.type.prototype as unknown as Record<string, (...args: unknown[]) => unknown>, name)
          .mockImplementation(function (this: unknown, ...args: unknown[]) {
            return { area: area.name, name, args, self: this };
          });
        return { area, name, spy };
      }),
    );
    const service = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: root });
    const target = service as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const { area, name, spy } of spies) {
      const answer = target[name]('first', 2) as { area: string; name: string; args: unknown[]; self: unknown };
      expect(answer).toMatchObject({ area: area.name, name, args: ['first', 2] });
      expect(answer.self).toBeInstanceOf(area.type);
      expect(spy).toHaveBeenCalledTimes(1);
    }
  });

  it('answers for real through its areas', async () => {
    const service = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: root, version: '1.2.3' });
    expect(await service.getAppInfo()).toMatchObject({ version: '1.2.3', host: 'web', nativeDialogs: false, projectsDirectory: root });
    const opened = await service.newProject({ name: 'Areas' });
    expect(opened.location).toBe(path.join(root, 'areas.nbproj'));
    expect(await service.listRecentProjects()).toEqual([expect.objectContaining({ location: opened.location, name: 'Areas' })]);
    expect(await service.listRuns(opened.location!)).toEqual([]);
    await expect(service.showOpenDialog()).rejects.toMatchObject({ code: 'no-dialogs' });
    const menu: unknown[] = [];
    const stop = service.onMenuCommand((command) => menu.push(command));
    service.sendMenuCommand({ command: 'undo' });
    stop();
    service.sendMenuCommand({ command: 'redo' });
    expect(menu).toEqual([{ command: 'undo' }]);
    service.closeProjectFiles();
  });

  it('is served over the RPC the hosts generate from the contract: every method answers, events arrive, host-only members stay out of reach', async () => {
    const service = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: root, version: '4.5.6' });
    const [serverPort, clientPort] = createPortPair();
    const stop = serveRpc(serverPort, apiServiceShape, service);
    const client = createRpcClient<NeuroblocksApi>(clientPort, apiServiceShape);
    try {
      const target = service as unknown as Record<string, unknown>;
      for (const name of [...apiMethods, ...apiEvents]) expect(typeof target[name], name).toBe('function');
      expect(await client.getAppInfo()).toMatchObject({ version: '4.5.6', projectsDirectory: root });
      expect((await client.analyzeGraph({ nodes: [], edges: [] })).valid).toBe(false);
      const menu: unknown[] = [];
      client.onMenuCommand((command) => menu.push(command));
      await client.listRecentProjects(); // the subscription reaches the service before this answer comes back
      service.sendMenuCommand({ command: 'redo' });
      await client.listDatasets();
      expect(menu).toEqual([{ command: 'redo' }]);
      const raw = client as unknown as Record<string, unknown>;
      expect(raw.sendMenuCommand).toBeUndefined();
      const refused: unknown[] = [];
      const answers = new Promise<void>((resolve) => {
        clientPort.onMessage((message) => {
          refused.push(message);
          if (refused.length === 3) resolve();
        });
      });
      for (const [id, method] of [
        [9001, 'settings'],
        [9002, 'closeProjectFiles'],
        [9003, 'projectsDirectory'],
      ] as const)
        clientPort.post({ kind: 'request', id, method, args: [] });
      await answers;
      expect(refused).toEqual(
        [9001, 9002, 9003].map((id) => ({ kind: 'error', id, error: expect.objectContaining({ code: 'unknown-method' }) })),
      );
    } finally {
      client.dispose();
      stop();
      serverPort.close();
    }
  });
});
