// Where a network is cut to become a pretrained base: one select of its blocks (every block but its
// Input, in graph order, with its type and output shape), the block before the classifier marked
// and chosen first. Shared by "Use as base" (a run) and "Base from a file…" (a network file).
import { useTranslation } from 'react-i18next';
import { analyzeGraph } from '../../../core/model/analyze';
import { baseCutChoices, defaultBaseCut } from '../../../core/model/base-cut';
import { formatShape, type Graph } from '../../../core/model/graph';

/** The block a base ends with unless the user chooses: the one before the classifier, else the network's last block. */
export function initialBaseCut(graph: Graph): string {
  return defaultBaseCut(graph) ?? baseCutChoices(graph).at(-1) ?? '';
}

export function BaseCutSelect({
  id,
  graph,
  value,
  onChange,
}: {
  id: string;
  graph: Graph | undefined;
  value: string;
  onChange(upTo: string): void;
}) {
  const { t } = useTranslation();
  const analysis = graph ? analyzeGraph(graph) : undefined;
  const typeOf = new Map(graph?.nodes.map((n) => [n.id, n.type]) ?? []);
  const choices = graph ? baseCutChoices(graph) : [];
  const recommended = graph ? defaultBaseCut(graph) : undefined;
  return (
    <>
      <label className="field-label" htmlFor={id}>
        {t('ui-runs:useAsBase.cut')}
      </label>
      <select id={id} className="base-cut-select" value={value} onChange={(e) => onChange(e.target.value)} disabled={!graph}>
        {choices.map((block) => (
          <option key={block} value={block}>
            {block} ({typeOf.get(block)} → {formatShape(analysis?.nodes[block]?.outputShape)})
            {block === recommended ? ` — ${t('ui-runs:useAsBase.recommended')}` : ''}
          </option>
        ))}
      </select>
    </>
  );
}
