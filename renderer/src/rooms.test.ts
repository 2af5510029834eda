// The interface is cut into rooms: one top-level folder of renderer/src per part (the editor, each
// tab of the training panel, the shared widgets in ui/, the stores...), and each file at the top is
// a room of its own. Rooms may lean on one another, but never in a circle: a room that imports a
// room that imports it back cannot be understood, tested or moved on its own. Tests are left out:
// nothing imports a test, so a test can join two rooms without tying them together.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The sources as text, and the other files an import can name (style sheets, JSON), by their path from here.
const SOURCES = import.meta.glob<string>('./**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });
const OTHERS = Object.keys(import.meta.glob('./**/*.{css,json}'));
const TEST = /\.test\.(ts|tsx)$/;
const RESOLVED = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** A path with its `.` and `..` steps taken ("a/b/../c" → "a/c"); one that leaves the folder (core's files) keeps its leading "..". */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Every import between two of the `sources` (path → text) or from one of them to one of the `others` (style sheets...). */
function importsOf(sources: Record<string, string>, others: readonly string[] = []): { from: string; to: string }[] {
  const known = new Set([...Object.keys(sources), ...others]);
  const links: { from: string; to: string }[] = [];
  for (const [file, text] of Object.entries(sources)) {
    if (TEST.test(file)) continue;
    const folder = file.split('/').slice(0, -1).join('/');
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = normalise(`${folder}/${fileName}`);
      const to = RESOLVED.map((ending) => target + ending).find((candidate) => known.has(candidate));
      if (to) links.push({ from: file, to });
    }
  }
  return links;
}

const strip = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([file, text]) => [normalise(file), text]));
const sources = () => importsOf(strip(SOURCES), OTHERS.map(normalise));

/** The room of a file: its top-level folder, or the file itself when it sits at the top. */
const roomOf = (file: string) => file.split('/')[0];

/**
 * The circles between rooms, each told as the imports that close it
 * ("train → runs: train/TrainPanel.tsx imports runs/run-text.ts").
 */
function roomCycles(links: readonly { from: string; to: string }[]): string[] {
  const edges = new Map<string, Map<string, string[]>>();
  for (const { from, to } of links) {
    const a = roomOf(from);
    const b = roomOf(to);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Map());
    const through = edges.get(a)!;
    if (!through.has(b)) through.set(b, []);
    through.get(b)!.push(`${from} imports ${to}`);
  }
  // Tarjan's strongly connected components: a component of more than one room holds a circle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (room: string) => {
    index.set(room, index.size);
    low.set(room, index.get(room)!);
    stack.push(room);
    onStack.add(room);
    for (const next of edges.get(room)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(room, Math.min(low.get(room)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(room, Math.min(low.get(room)!, index.get(next)!));
    }
    if (low.get(room) === index.get(room)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== room);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const room of [...edges.keys()].sort()) if (!index.has(room)) visit(room);
  // Each circle told once, the shortest one through each of its rooms.
  const told = new Map<string, string>();
  for (const component of components) {
    const inside = new Set(component);
    for (const start of component) {
      const cameFrom = new Map<string, string>();
      const queue = [start];
      let last: string | undefined;
      while (queue.length > 0 && !last) {
        const room = queue.shift()!;
        for (const next of [...(edges.get(room)?.keys() ?? [])].sort()) {
          if (!inside.has(next)) continue;
          if (next === start) {
            last = room;
            break;
          }
          if (!cameFrom.has(next)) {
            cameFrom.set(next, room);
            queue.push(next);
          }
        }
      }
      const circle = [last!];
      while (circle[0] !== start) circle.unshift(cameFrom.get(circle[0])!);
      const first = circle.indexOf([...circle].sort()[0]);
      const turned = [...circle.slice(first), ...circle.slice(0, first)];
      const key = turned.join(' → ');
      if (told.has(key)) continue;
      const steps = turned.map((a, i) => {
        const b = turned[(i + 1) % turned.length];
        const files = edges.get(a)!.get(b)!;
        const more = files.length > 3 ? ` (and ${files.length - 3} more)` : '';
        return `  ${a} → ${b}: ${files.slice(0, 3).join('; ')}${more}`;
      });
      told.set(key, `Rooms import one another in a circle, ${key} → ${turned[0]}:\n${steps.join('\n')}`);
    }
  }
  return [...told.values()];
}

describe('the rooms of the interface', () => {
  it('finds a circle between two rooms and names the files that close it', () => {
    const cycles = roomCycles([
      { from: 'train/TrainPanel.tsx', to: 'ui/format.ts' },
      { from: 'runs/RunsPanel.tsx', to: 'train/training-store.ts' },
      { from: 'train/TrainPanel.tsx', to: 'runs/run-text.ts' },
      { from: 'train/TrainPanel.tsx', to: 'train/training-store.ts' },
    ]);
    expect(cycles).toEqual([
      'Rooms import one another in a circle, runs → train → runs:\n' +
        '  runs → train: runs/RunsPanel.tsx imports train/training-store.ts\n' +
        '  train → runs: train/TrainPanel.tsx imports runs/run-text.ts',
    ]);
    expect(roomCycles([{ from: 'runs/RunsPanel.tsx', to: 'train/training-store.ts' }])).toEqual([]);
  });

  it('reads the imports of the sources, a file at the top being a room of its own', () => {
    const links = sources();
    expect(links).toContainEqual({ from: 'main.tsx', to: 'App.tsx' });
    expect(links).toContainEqual({ from: 'main.tsx', to: 'styles.css' });
    expect(roomOf('main.tsx')).toBe('main.tsx');
  });

  it('has no circle between rooms', () => {
    expect(roomCycles(sources()).join('\n\n')).toBe('');
  });
});
