import type { GraphAnalysis } from './analyze';
import { formatKerasShape, type Graph } from './graph';
import { problem as problemOf, type Problem } from '../i18n/catalogue';
import { problemText, type Language } from '../i18n/translate';
import type { GraphIssue } from './issues';

/** The machine-readable summary printed by `neuroblocks summary --json`. Shapes exclude the batch dimension. */
export interface SummaryJson {
  layers: { id: string; type: string; outputShape: number[] | null; params: number; trainableParams: number; connectedTo: string[] }[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  errors: SummaryIssue[];
  warnings: SummaryIssue[];
}

/** An error or a warning of the summary: where, what (a code of the message catalogue and its parameters) and its English sentence. */
export interface SummaryIssue {
  nodeId?: string;
  param?: string;
  problem: Problem;
  message: string;
}

const issueJson = (i: GraphIssue): SummaryIssue => ({
  ...(i.nodeId !== undefined ? { nodeId: i.nodeId } : {}),
  ...(i.param !== undefined ? { param: i.param } : {}),
  problem: i.problem,
  message: problemText(i.problem, 'en'),
});

export function summaryJson(graph: Graph, analysis: GraphAnalysis): SummaryJson {
  const connectedTo = incomingByNode(graph);
  const ordered = new Set(analysis.order);
  const ids = [...analysis.order, ...graph.nodes.map((n) => n.id).filter((id) => !ordered.has(id))];
  return {
    layers: ids
      .filter((id) => analysis.nodes[id])
      .map((id) => {
        const n = analysis.nodes[id];
        return {
          id,
          type: n.type,
          outputShape: n.outputShape ?? null,
          params: n.paramCount.trainable + n.paramCount.nonTrainable,
          trainableParams: n.paramCount.trainable,
          connectedTo: connectedTo.get(id) ?? [],
        };
      }),
    totalParams: analysis.totalParams,
    trainableParams: analysis.trainableParams,
    nonTrainableParams: analysis.nonTrainableParams,
    errors: analysis.errors.map(issueJson),
    warnings: analysis.warnings.map(issueJson),
  };
}

function incomingByNode(graph: Graph): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of graph.edges) map.set(e.target, [...(map.get(e.target) ?? []), e.source]);
  return map;
}

/** 42358 → "42,358". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Keras's memory figure next to each count: 4 bytes per float32 parameter, in binary units. */
export function formatBytes(params: number): string {
  const bytes = params * 4;
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}

/** A Keras-3-like `model.summary()` table (its headings in English, as Keras prints them), plus the errors and warnings in `language`. */
export function formatSummary(name: string, summary: SummaryJson, language: Language = 'en'): string {
  const branched =
    summary.layers.some((l) => l.connectedTo.length > 1) ||
    new Set(summary.layers.flatMap((l) => l.connectedTo)).size < summary.layers.flatMap((l) => l.connectedTo).length;
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(branched ? ['Connected to'] : [])];
  const rows = summary.layers.map((l) => [
    `${l.id} (${l.type})`,
    l.outputShape ? formatKerasShape(l.outputShape) : '?',
    formatCount(l.params),
    ...(branched ? [l.connectedTo.join(', ') || '-'] : []),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const cell = (text: string, c: number) => (c === 2 ? text.padStart(widths[c]) : text.padEnd(widths[c]));
  const line = (l: string, m: string, r: string, fill: string) => l + widths.map((w) => fill.repeat(w + 2)).join(m) + r;
  const out = [
    `Model: "${name}"`,
    line('┏', '┳', '┓', '━'),
    '┃' + header.map((h, c) => ` ${cell(h, c)} `).join('┃') + '┃',
    line('┡', '╇', '┩', '━'),
  ];
  rows.forEach((r, i) => {
    out.push('│' + r.map((t, c) => ` ${cell(t, c)} `).join('│') + '│');
    if (i < rows.length - 1) out.push(line('├', '┼', '┤', '─'));
  });
  out.push(line('└', '┴', '┘', '─'));
  out.push(` Total params: ${formatCount(summary.totalParams)} (${formatBytes(summary.totalParams)})`);
  out.push(` Trainable params: ${formatCount(summary.trainableParams)} (${formatBytes(summary.trainableParams)})`);
  out.push(` Non-trainable params: ${formatCount(summary.nonTrainableParams)} (${formatBytes(summary.nonTrainableParams)})`);
  const list = (title: Problem, mark: string, items: SummaryIssue[]) => {
    if (!items.length) return;
    out.push('', problemText(title, language));
    for (const i of items)
      out.push(`  ${mark} ${i.nodeId ? `[${i.nodeId}${i.param ? ` · ${i.param}` : ''}] ` : ''}${problemText(i.problem, language)}`);
  };
  list(problemOf('graph:errors', {}), '✗', summary.errors);
  list(problemOf('graph:warnings', {}), '!', summary.warnings);
  return out.join('\n');
}
