/**
 * The crash test at length: kills a process recording runs thousands of times and checks the
 * project file after each kill (see crash-harness.ts).
 *
 *   node --import tsx core/store/crash-soak.ts [--kills 2000] [--mode synthetic|tfjs|engine] [--seed N] [--file path]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crashLoop, type WriterMode } from './crash-harness';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '2000' },
    mode: { type: 'string', default: 'synthetic' },
    seed: { type: 'string' },
    file: { type: 'string' },
  },
});
const kills = Number(values.kills);
const seed = Number(values.seed ?? Date.now() % 1_000_000);
const file = values.file ?? join(tmpdir(), `neuroblocks-crash-soak-${process.pid}.nbproj`);
const mode = values.mode as WriterMode;
rmSync(file, { force: true });

const started = performance.now();
let withEpochs = 0;
let lagging = 0;
let beforeStart = 0;
await crashLoop({
  file,
  kills,
  mode,
  seed,
  keepRuns: 6,
  onKill(report) {
    if (report.epochs > 0) withEpochs++;
    else beforeStart++;
    if (report.checkpointEpoch !== undefined && report.checkpointEpoch < report.epochs) lagging++;
    if ((report.iteration + 1) % 50 === 0 || report.iteration + 1 === kills)
      console.log(`${report.iteration + 1}/${kills} kills checked (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  },
});
console.log(
  `All ${kills} kills left a sound file (seed ${seed}, ${mode}): ${withEpochs} runs killed with epochs recorded, ` +
    `${lagging} of them between an epoch and its checkpoint, ${beforeStart} killed before their first epoch.`,
);
rmSync(file, { force: true });
for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
