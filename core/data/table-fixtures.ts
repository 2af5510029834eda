// Tables for the tests: an iris-like CSV generated from a seed, with bad rows put in where asked.
import { normal, seededRandom } from './random';

export const IRIS_COLUMNS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const SPECIES: [string, number[]][] = [
  ['setosa', [5.0, 3.4, 1.5, 0.25]],
  ['versicolor', [5.9, 2.8, 4.3, 1.3]],
  ['virginica', [6.6, 3.0, 5.5, 2.0]],
];

/** A bad row to put in after `after` good rows: its cells as written. */
export interface BadRow {
  after: number;
  cells: string[];
}

/**
 * `perClass` rows of each of three species (four measurements with one decimal, noise σ 0.5, so
 * that a small model makes a few mistakes), in a seeded order, the header `…, species`; bad rows
 * are put in where asked. Gives the text and the line each bad row is on (the header is line 1).
 */
export function irisLikeCsv(perClass: number, seed = 7, bad: BadRow[] = []): { text: string; badLines: number[] } {
  const random = seededRandom(seed);
  const rows: string[] = [];
  for (let i = 0; i < perClass * SPECIES.length; i++) {
    const [name, means] = SPECIES[Math.floor(random() * SPECIES.length)];
    rows.push([...means.map((m) => Math.max(0.1, m + 0.5 * normal(random)).toFixed(1)), name].join(','));
  }
  const lines = [[...IRIS_COLUMNS, 'species'].join(',')];
  const badLines: number[] = [];
  const pending = [...bad].sort((a, b) => a.after - b.after);
  rows.forEach((row, i) => {
    while (pending.length && pending[0].after === i) {
      lines.push(pending.shift()!.cells.join(','));
      badLines.push(lines.length);
    }
    lines.push(row);
  });
  for (const rest of pending) {
    lines.push(rest.cells.join(','));
    badLines.push(lines.length);
  }
  return { text: `${lines.join('\n')}\n`, badLines };
}

/** A small classifier of the iris-like table at `csv` (a project as a file holds it, before parsing). */
export function irisProject(csv: string, training: Record<string, unknown> = {}) {
  return {
    format: 'neuroblocks.project',
    version: 1,
    name: 'Iris',
    graph: {
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [IRIS_COLUMNS.length] } },
        { id: 'hidden', type: 'Dense', params: { units: 8, activation: 'relu' } },
        { id: 'out', type: 'Dense', params: { units: SPECIES.length, activation: 'softmax' } },
      ],
      edges: [
        { source: 'in', target: 'hidden' },
        { source: 'hidden', target: 'out' },
      ],
    },
    dataset: { kind: 'csv', path: csv, labelColumn: 'species' },
    training,
  };
}
