import { problem } from '../../i18n/catalogue';
import { problemText, type Language } from '../../i18n/translate';
import { ProjectStore } from '../../store/project-store';
import type { RunSummary } from '../../store/types';
import { commandArgs } from '../args';
import type { CliIo } from '../io';

const help = `Usage: neuroblocks runs <project file> [--json]

Lists the training runs recorded in a project file (.nbproj): id, status, epochs, best
validation accuracy, backend, when it started and how long it ran, then why each run that did
not complete ended (in the language of --lang). The file is only read.

  --json   print one JSON object with every run instead of the table`;

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '–';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min ${String(s).padStart(2, '0')} s`;
}

function formatStarted(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function formatTable(file: string, runs: RunSummary[], language: Language): string {
  if (!runs.length) return `No runs in ${file} yet. Train with: neuroblocks train ${file} --save ${file}`;
  const header = ['ID', 'Status', 'Epochs', 'Best val acc', 'Backend', 'Started', 'Duration'];
  const rows = runs.map((r) => [
    String(r.id),
    r.status,
    r.plannedEpochs ? `${r.epochs}/${r.plannedEpochs}` : String(r.epochs),
    r.bestValAccuracy === undefined ? '–' : `${(r.bestValAccuracy * 100).toFixed(2)} %`,
    r.device ? `${r.backend} (${r.device})` : r.backend,
    formatStarted(r.startedAt),
    formatDuration(r.durationSeconds),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const numeric = new Set([0, 2, 3]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  // Why a run that did not complete ended, one line each, in the language of the command line.
  const ended = runs.flatMap((r) => (r.error ? [problemText(problem('cli:runEnded', { id: r.id, message: r.error }), language)] : []));
  return [line(header), ...rows.map(line), ...(ended.length ? ['', ...ended] : [])].join('\n');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, io, help, { json: { type: 'boolean' } }, 1);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [file] = positionals;
  const store = ProjectStore.open(file, { readOnly: true });
  try {
    const runs = store.listRuns();
    io.out(values.json ? JSON.stringify({ file, runs }) : formatTable(file, runs, io.language ?? 'en'));
    return 0;
  } finally {
    store.close();
  }
}
