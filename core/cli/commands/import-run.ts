import path from 'node:path';
import { problem } from '../../i18n/catalogue';
import { problemText } from '../../i18n/translate';
import { errorProblem, errorTexts } from '../../model/localized';
import { commandArgs } from '../args';
import type { CliIo } from '../io';

const help = `Usage: neuroblocks import-run <project.nbproj> <JOB_DIR>

Records the result of a job folder (written by \`neuroblocks export FILE --format job --out JOB_DIR\`
and trained elsewhere with \`python3 JOB_DIR/train.py\` or torchrun) as a run of the project file:
its epochs, its best and last checkpoints, its test evaluation, and the engine, device and torch
version it trained on. The run can then be listed, evaluated, tried and exported like any other.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, io, help, {}, 2);
  if (typeof parsed === 'number') return parsed;
  const [file, jobDir] = parsed.positionals.map((p) => path.resolve(p));
  const { jobEvents, readJob, replaySession } = await import('../../train/pytorch/job');
  let events;
  let manifest;
  try {
    manifest = readJob(jobDir);
    events = jobEvents(jobDir, manifest);
  } catch (error) {
    io.err(errorTexts(error)[io.language ?? 'en']);
    return 1;
  }
  const { ProjectStore } = await import('../../store/project-store');
  const { recordTrainingRun } = await import('../../store/record-training');
  const store = ProjectStore.open(file);
  try {
    if (store.readOnly) {
      const reason = store.readOnlyProblem ?? problem('store:notWritable', { path: file });
      io.err(problemText(problem('cli:runNotRecorded', { reason }), io.language));
      return 1;
    }
    const session = replaySession(events);
    const recording = recordTrainingRun(store, session, manifest.project, manifest.dataset ? { dataset: manifest.dataset } : {});
    session.play();
    const result = await recording.done;
    if (result.error) {
      io.err(problemText(problem('train:notRecorded', { file, why: errorProblem(result.error) }), io.language));
      return 1;
    }
    const final = events.at(-1) as Extract<(typeof events)[number], { type: 'final' }>;
    const started = events[0] as Extract<(typeof events)[number], { type: 'started' }>;
    io.out(
      `Recorded the job of "${manifest.project.name}" as run ${result.runId} in ${file}: ${final.state}, ${final.epochsCompleted} epoch${final.epochsCompleted === 1 ? '' : 's'} on ${started.device}.`,
    );
    io.out(problemText(final.message, io.language));
    if (final.test) io.out(`Test accuracy: ${(final.test.accuracy * 100).toFixed(2)}% on ${final.test.samples} held-out samples.`);
    return final.state === 'failed' ? 1 : 0;
  } finally {
    store.close();
  }
}
