// The service behind the API: one implementation for the desktop app, the web host and tests.
// Each area of the API (core/api/contract.ts) is served by its own class, in its own file; they
// share what they must through one context (./service-context). This class is what hosts
// construct: it serves every member of the API by handing the call to the area that has it, and
// adds the few things only hosts use (menu commands, settings, closing project files).
import { apiEvents, apiMethods, type MenuCommand, type NeuroblocksApi } from '../api/contract';
import { AppService } from './app-service';
import type { SettingsFile } from './config';
import { DataService } from './data-service';
import type { Emitter } from './emitter';
import { EventsService } from './events-service';
import { ExportService } from './export-service';
import { GraphService } from './graph-service';
import { InferenceService } from './inference-service';
import { PretrainedService } from './pretrained-service';
import { ProjectsService } from './projects-service';
import { RunsService } from './runs-service';
import { createServiceContext, type ServiceContext, type ServiceOptions } from './service-context';
import { TrainingService } from './training-service';

export type { NativeDialogs, ServiceOptions } from './service-context';

/** One object per area of the API, each implementing its part of the contract. */
export function serviceAreas(context: ServiceContext, options: Pick<ServiceOptions, 'detectBackend' | 'findPython'> = {}) {
  return {
    app: new AppService(context, options),
    projects: new ProjectsService(context),
    graph: new GraphService(),
    data: new DataService(context),
    runs: new RunsService(context),
    export: new ExportService(context),
    training: new TrainingService(context),
    inference: new InferenceService(context),
    pretrained: new PretrainedService(context),
    events: new EventsService(context),
  };
}

export type ServiceAreas = ReturnType<typeof serviceAreas>;

/** The public members of an object (its interface, without the private ones the class type keeps). */
type PublicOf<T> = { [K in keyof T]: T[K] };
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Served = UnionToIntersection<{ [K in keyof ServiceAreas]: PublicOf<ServiceAreas[K]> }[keyof ServiceAreas]>;
// Compile-time proof that the areas together serve the whole API, each member with its contract's type.
const _servesTheApi = (served: Served): NeuroblocksApi => served;
void _servesTheApi;

const apiMembers: ReadonlySet<string> = new Set([...apiMethods, ...apiEvents]);

/** The API's members each area serves: the methods of its class (constructors and `#private` helpers are not among them). */
function servedMembers(area: object): string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(area); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto))
    for (const name of Object.getOwnPropertyNames(proto))
      if (name !== 'constructor' && typeof (area as Record<string, unknown>)[name] === 'function') names.push(name);
  return names;
}

/**
 * The calls of the API, each handed to the area that serves it, made from the areas' classes: a
 * member of the API that no area serves, one served twice, or an area method that is not in the
 * API stops the construction.
 */
function delegation(areas: ServiceAreas): NeuroblocksApi {
  const calls: Record<string, (...args: never[]) => unknown> = {};
  const servedBy = new Map<string, string>();
  for (const [areaName, area] of Object.entries(areas)) {
    for (const name of servedMembers(area)) {
      if (!apiMembers.has(name))
        throw new Error(
          `The ${areaName} area has a method ${name} that the API contract does not name: make it #private or add it to the contract.`,
        );
      const other = servedBy.get(name);
      if (other) throw new Error(`${name} is served by both the ${other} and the ${areaName} areas.`);
      servedBy.set(name, areaName);
      const method = (area as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
      calls[name] = (...args: unknown[]) => method.apply(area, args);
    }
  }
  const unserved = [...apiMembers].filter((name) => !servedBy.has(name));
  if (unserved.length) throw new Error(`No area serves ${unserved.join(', ')}.`);
  return calls as unknown as NeuroblocksApi;
}

/** Gives each instance the API's calls as its own members (typed as the contract, proved above). */
const ServedApi = class {
  constructor(areas: ServiceAreas) {
    Object.assign(this, delegation(areas));
  }
} as new (areas: ServiceAreas) => NeuroblocksApi;

export class NeuroblocksService extends ServedApi implements NeuroblocksApi {
  readonly settings: SettingsFile;
  /** Fires after the recent projects list changed (the desktop app rebuilds File › Open Recent). */
  readonly recentProjectsChanged: Emitter<void>;
  readonly #context: ServiceContext;

  constructor(options: ServiceOptions) {
    const context = createServiceContext(options);
    super(serviceAreas(context, options));
    this.#context = context;
    this.settings = context.settings;
    this.recentProjectsChanged = context.recent.changed;
  }

  /** Delivers a native menu command to the UI (desktop host). */
  sendMenuCommand(command: MenuCommand): void {
    this.#context.emitters.menu.fire(command);
  }

  projectsDirectory(): Promise<string> {
    return this.#context.projectsDirectory();
  }

  /** Writes pending autosaves and closes the project file they go to (when the app quits). */
  closeProjectFiles(): void {
    this.#context.autosaver.close();
  }
}
