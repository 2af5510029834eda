import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShape } from '../../../core/model/graph';
import type { EditorState } from '../store/editor-store';
import { editorStore, useEditor } from '../store/index';
import { formatCount } from '../ui/format';
import { DeleteSelectionButton } from './DeleteSelectionButton';
import { baseSummary } from './BaseNode';

/** The group whose blocks are exactly the selection (a selected base block), if any. */
export function selectedGroupOf(state: Pick<EditorState, 'nodes'>): string | undefined {
  const selected = state.nodes.filter((n) => n.selected);
  const group = selected[0]?.data.group;
  if (!group || selected.some((n) => n.data.group !== group)) return undefined;
  return state.nodes.filter((n) => n.data.group === group).length === selected.length ? group : undefined;
}

/** The inspector of a pretrained base: its layers, a Trainable switch, and "unfreeze the last N layers" for fine-tuning. */
export function BaseInspector({ groupId }: { groupId: string }) {
  const { t, i18n } = useTranslation();
  const group = useEditor((s) => s.groups.find((g) => g.id === groupId));
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const analysis = useEditor((s) => s.analysis);
  const summary = useMemo(() => baseSummary({ nodes, edges, analysis }, groupId), [nodes, edges, analysis, groupId]);
  const allTrainable = useEditor((s) =>
    s.nodes.filter((n) => n.data.group === groupId && n.data.blockType !== 'Input').every((n) => n.data.params.trainable !== false),
  );
  const weighted = summary.layers.filter((l) => l.trainable + l.frozen > 0).length;
  const [unfreeze, setUnfreeze] = useState(Math.min(1, weighted));
  const n = (v: number) => formatCount(v, i18n.language);
  if (!group) return null;
  return (
    <aside className="inspector base-inspector" aria-label={t('ui-base:inspectorTitle')} data-testid="base-inspector">
      <h2 className="panel-title">
        {group.name} <span className="muted inspector__id">{t('ui-base:inspectorTitle')}</span>
      </h2>
      {group.source && <p className="muted">{t('ui-base:source', { source: group.source })}</p>}
      <div className="button-row inspector__actions">
        <button type="button" onClick={() => editorStore.getState().setGroupCollapsed(groupId, !group.collapsed)}>
          {group.collapsed ? `▸ ${t('ui-base:expand')}` : `▾ ${t('ui-base:collapse')}`}
        </button>
        <DeleteSelectionButton label={t('ui-base:delete')} />
      </div>
      <p className="inspector__shapes">
        {t('ui-base:output', { shape: formatShape(summary.outputShape) })}
        <br />
        {t('ui-base:total', { count: summary.trainable + summary.frozen })} ·{' '}
        {t('ui-base:counts', { trainable: summary.trainable, frozen: summary.frozen })}
      </p>
      <section className="inspector__section" aria-label={t('ui-base:trainable')}>
        <label className="switch-row">
          <input
            type="checkbox"
            role="switch"
            checked={allTrainable}
            onChange={(e) => editorStore.getState().setGroupTrainable(groupId, e.target.checked)}
            data-testid="base-trainable"
          />{' '}
          <strong>{t('ui-base:trainable')}</strong>
        </label>
        <p className="muted">{t('ui-base:trainableHelp')}</p>
        {weighted > 0 && (
          <>
            <div className="unfreeze-row">
              <label htmlFor="base-unfreeze">{t('ui-base:unfreeze')}</label>
              <input
                id="base-unfreeze"
                type="number"
                min={0}
                max={weighted}
                step={1}
                value={unfreeze}
                onChange={(e) => setUnfreeze(Math.max(0, Math.min(weighted, Math.round(Number(e.target.value) || 0))))}
              />
              <span>{t('ui-base:unfreezeUnit')}</span>
              <button type="button" onClick={() => editorStore.getState().unfreezeLast(groupId, unfreeze)}>
                {t('ui-base:unfreezeButton')}
              </button>
            </div>
            <p className="muted">{t('ui-base:unfreezeHelp')}</p>
          </>
        )}
      </section>
      <section className="inspector__section" aria-label={t('ui-base:layersTitle')}>
        <h3>{t('ui-base:layersTitle')}</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ui-base:layerType')}</th>
              <th scope="col">{t('ui-base:layerShape')}</th>
              <th scope="col">{t('ui-base:layerParams')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.layers.map((l) => (
              <tr key={l.id} title={l.id}>
                <td>
                  {l.type}
                  <br />
                  <span className="muted">{l.id}</span>
                </td>
                <td>{formatShape(l.shape)}</td>
                <td className="num">
                  {n(l.trainable + l.frozen)}
                  {l.frozen > 0 && l.trainable === 0 ? <span className="muted"> ({t('ui-base:frozenMark')})</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </aside>
  );
}
