import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatShape } from '../../../core/model/graph';
import type { BaseFlowNode, FrameFlowNode } from '../store/base-display';
import { groupEnds } from '../store/base-display';
import type { EditorState } from '../store/editor-store';
import { editorStore, useEditor } from '../store/index';
import { NodeHandle } from './NodeHandle';

export interface BaseLayer {
  id: string;
  type: string;
  shape?: number[];
  trainable: number;
  frozen: number;
}

/** A base group's blocks in graph order, with their output shapes and parameter counts, and the group's totals. */
export function baseSummary(
  state: Pick<EditorState, 'nodes' | 'edges' | 'analysis'>,
  groupId: string,
): { layers: BaseLayer[]; trainable: number; frozen: number; outputShape?: number[] } {
  const members = new Map(state.nodes.filter((n) => n.data.group === groupId).map((n) => [n.id, n]));
  const ordered = [
    ...state.analysis.order.filter((id) => members.has(id)),
    ...[...members.keys()].filter((id) => !state.analysis.order.includes(id)),
  ];
  const layers = ordered.map((id) => {
    const a = state.analysis.nodes[id];
    return {
      id,
      type: members.get(id)!.data.blockType,
      shape: a?.outputShape,
      trainable: a?.paramCount.trainable ?? 0,
      frozen: a?.paramCount.nonTrainable ?? 0,
    };
  });
  const { exit } = groupEnds(ordered, state.edges);
  return {
    layers,
    trainable: layers.reduce((s, l) => s + l.trainable, 0),
    frozen: layers.reduce((s, l) => s + l.frozen, 0),
    outputShape: exit ? state.analysis.nodes[exit]?.outputShape : undefined,
  };
}

/** A collapsed base group: one block with its name, where it comes from, its output shape and its parameters (trainable / frozen). */
function BaseNodeView({ data, selected }: NodeProps<BaseFlowNode>) {
  const { t, i18n } = useTranslation();
  const vertical = useEditor((s) => s.direction === 'TB');
  const summary = useEditor(
    useShallow((s) => {
      const { layers, trainable, frozen, outputShape } = baseSummary(s, data.groupId);
      return {
        count: layers.length,
        trainable,
        frozen,
        shape: formatShape(outputShape),
        problem: layers.some((l) => s.analysis.nodes[l.id]?.issues.some((i) => i.severity === 'error')),
      };
    }),
  );
  return (
    <div
      className={`base-node${selected ? ' is-selected' : ''}${summary.problem ? ' has-error' : ''}`}
      data-testid={`base-${data.groupId}`}
      lang={i18n.language}
    >
      <NodeHandle side="in" name={data.name} vertical={vertical} t={t} />
      <div className="base-node__head">
        <span className="base-node__badge">{t('ui-base:badge')}</span>
        <button
          type="button"
          className="base-node__toggle nodrag"
          onClick={(e) => {
            e.stopPropagation();
            editorStore.getState().setGroupCollapsed(data.groupId, false);
          }}
          aria-label={t('ui-base:expandLabel', { count: summary.count, name: data.name })}
          title={t('ui-base:expandLabel', { count: summary.count, name: data.name })}
        >
          ▸ {t('ui-base:expand')}
        </button>
      </div>
      <div className="base-node__name">{data.name}</div>
      {data.source && <div className="base-node__source">{t('ui-base:source', { source: data.source })}</div>}
      <div className="base-node__foot">
        <span>{t('ui-base:layers', { count: summary.count })}</span>
        <span className="base-node__shape" data-testid={`base-shape-${data.groupId}`} title={t('ui-editor:node.outputShape')}>
          → {summary.shape}
        </span>
      </div>
      <div className="base-node__params" data-testid={`base-params-${data.groupId}`}>
        {t('ui-base:total', { count: summary.trainable + summary.frozen })} ·{' '}
        {t('ui-base:counts', { trainable: summary.trainable, frozen: summary.frozen })}
      </div>
      <NodeHandle side="out" name={data.name} vertical={vertical} t={t} />
    </div>
  );
}

/** The frame around an expanded base group's blocks: its name (which selects the base) and a button that collapses it again. */
function BaseFrameView({ data }: NodeProps<FrameFlowNode>) {
  const { t, i18n } = useTranslation();
  return (
    <div
      className="base-frame"
      data-testid={`base-frame-${data.groupId}`}
      lang={i18n.language}
      title={data.source ? t('ui-base:source', { source: data.source }) : undefined}
    >
      <div className="base-frame__head">
        <button type="button" className="base-frame__name link nodrag" onClick={() => editorStore.getState().selectGroup(data.groupId)}>
          {data.name}
        </button>
        <button
          type="button"
          className="base-node__toggle nodrag"
          onClick={() => editorStore.getState().setGroupCollapsed(data.groupId, true)}
          aria-label={t('ui-base:collapseLabel', { name: data.name })}
          title={t('ui-base:collapseLabel', { name: data.name })}
        >
          ▾ {t('ui-base:collapse')}
        </button>
      </div>
    </div>
  );
}

export const BaseNode = memo(BaseNodeView);
export const BaseFrame = memo(BaseFrameView);
