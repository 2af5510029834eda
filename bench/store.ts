// What recording a run into a project file costs: one epoch commit with synchronous=FULL (what
// project files use) and NORMAL, saving and loading checkpoints of the course's MNIST CNN
// (42,358 parameters) and of the VGG16 transfer model (14,920,598), and opening a file with
// many runs (integrity quick_check included).
//
//   node --import tsx bench/store.ts [--epochs 200]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProjectStore } from '../core/store/project-store';
import { epochMetrics, random, smallProject } from '../core/store/test-helpers';
import type { NamedWeight } from '../core/store/weights';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '200' } } });
const epochs = Number(values.epochs);
const dir = mkdtempSync(join(tmpdir(), 'nb-bench-store-'));

function weightsOf(parameterCount: number): NamedWeight[] {
  const next = random(parameterCount);
  const data = new Float32Array(parameterCount);
  for (let i = 0; i < data.length; i++) data[i] = next();
  return [{ name: 'all', shape: [parameterCount], dtype: 'float32', data }];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function epochCommits(synchronous: 'FULL' | 'NORMAL'): void {
  const store = ProjectStore.create(join(dir, `epochs-${synchronous}.nbproj`), smallProject());
  store.connection.pragma(`synchronous = ${synchronous}`);
  const runId = store.startRun({ project: smallProject(), backend: 'bench' });
  const times: number[] = [];
  for (let e = 1; e <= epochs; e++) times.push(time(() => store.recordEpoch(runId, epochMetrics(e))));
  store.close();
  console.log(
    `epoch commit, synchronous=${synchronous.padEnd(6)} median ${median(times).toFixed(3)} ms, max ${Math.max(...times).toFixed(2)} ms (${epochs} epochs)`,
  );
}

function checkpoints(label: string, parameterCount: number, count: number): void {
  const store = ProjectStore.create(join(dir, `checkpoints-${parameterCount}.nbproj`), smallProject());
  const runId = store.startRun({ project: smallProject(), backend: 'bench' });
  const weights = weightsOf(parameterCount);
  const saves: number[] = [];
  const loads: number[] = [];
  for (let e = 1; e <= count; e++) {
    store.recordEpoch(runId, epochMetrics(e));
    saves.push(time(() => store.saveCheckpoint(runId, { epoch: e, weights, best: e === 1 })));
    loads.push(time(() => store.loadCheckpoint(runId, 'last')));
  }
  store.close();
  const mb = (parameterCount * 4) / 1e6;
  console.log(
    `${label.padEnd(24)} ${mb.toFixed(1).padStart(6)} MB  save median ${median(saves).toFixed(1).padStart(7)} ms (${(mb / (median(saves) / 1000)).toFixed(0)} MB/s)  load median ${median(loads).toFixed(1).padStart(6)} ms  file ${(statSync(store.path).size / 1e6).toFixed(1)} MB after ${count} checkpoints`,
  );
}

function openWithRuns(runCount: number): void {
  const path = join(dir, `runs-${runCount}.nbproj`);
  const store = ProjectStore.create(path, smallProject());
  const weights = weightsOf(42_358);
  for (let r = 0; r < runCount; r++) {
    const runId = store.startRun({ project: smallProject(), backend: 'bench' });
    for (let e = 1; e <= 20; e++) store.recordEpoch(runId, epochMetrics(e));
    store.saveCheckpoint(runId, { epoch: 20, weights, best: true });
    store.finishRun(runId, 'completed');
  }
  store.close();
  const opens: number[] = [];
  for (let i = 0; i < 5; i++) opens.push(time(() => ProjectStore.open(path).close()));
  console.log(
    `open + checks, ${runCount} runs of 20 epochs (${(statSync(path).size / 1e6).toFixed(1)} MB): median ${median(opens).toFixed(1)} ms`,
  );
}

console.log('Project file (SQLite) costs');
epochCommits('FULL');
epochCommits('NORMAL');
checkpoints('MNIST CNN checkpoint', 42_358, 30);
checkpoints('VGG16 transfer checkpoint', 14_920_598, 5);
openWithRuns(100);
rmSync(dir, { recursive: true, force: true });
