import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { getBlock } from '../../../core/model/blocks/index';
import { formatShape } from '../../../core/model/graph';
import { checkConnection } from '../store/connection-rules';
import { toGraphNode } from '../store/flow-graph';
import { editorStore, useEditor } from '../store/index';
import { AugmentationPreview } from './augmentation/AugmentationPreview';
import { isMnistShape } from '../ui/image-input';
import { docLanguage } from '../ui/format';
import { connectBlocks, deleteSelectionAndFocus } from './actions';
import { DeleteSelectionButton } from './DeleteSelectionButton';
import { BaseInspector, selectedGroupOf } from './BaseInspector';
import { ParamField } from './ParamField';
import { inLanguage } from '../ui/typography';
import { issueText } from '../../../core/model/issues';

function Inputs({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const analysis = useEditor((s) => s.analysis);
  const [from, setFrom] = useState('');
  const incoming = edges.filter((e) => e.target === nodeId);
  const graphNodes = nodes.map(toGraphNode);
  const candidates = nodes.filter((n) => !checkConnection(graphNodes, edges, n.id, nodeId));
  const block = getBlock(nodes.find((n) => n.id === nodeId)?.data.blockType ?? '');
  if (!block || block.inputs.max === 0) return null;
  return (
    <section className="inspector__section" aria-label={t('ui-editor:inspector.inputs')}>
      <h3>{t('ui-editor:inspector.inputs')}</h3>
      {incoming.length === 0 && <p className="muted">{t('ui-editor:inspector.noInputs')}</p>}
      <ul className="input-list">
        {incoming.map((e) => (
          <li key={e.id}>
            <span>
              {e.source} <span className="muted">({formatShape(analysis.nodes[e.source]?.outputShape)})</span>
            </span>
            <button
              type="button"
              className="link"
              onClick={() => editorStore.getState().disconnect(e.source, nodeId)}
              aria-label={t('ui-editor:inspector.disconnect', { from: e.source, to: nodeId })}
            >
              {t('ui-editor:inspector.disconnectShort')}
            </button>
          </li>
        ))}
      </ul>
      {candidates.length > 0 && (
        <div className="connect-row">
          <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('ui-editor:inspector.connectFrom')}>
            <option value="">{t('ui-editor:inspector.connectFrom')}</option>
            {candidates.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id} ({n.data.blockType})
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!from}
            onClick={() => {
              if (from && connectBlocks(from, nodeId)) setFrom('');
            }}
          >
            {t('ui-editor:inspector.connect')}
          </button>
        </div>
      )}
    </section>
  );
}

/** Parameters and explanation of the selected block. */
export function Inspector() {
  const { t, i18n } = useTranslation();
  const selected = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const selectedIds = selected.map((n) => n.id).join(',');
  const node = selected.length === 1 ? selected[0] : undefined;
  const analysis = useEditor((s) => (node ? s.analysis.nodes[node.id] : undefined));
  const readyToTrain = useEditor((s) => s.analysis.valid && s.nodes.length > 0);
  // A drawing-pad model is tried with a drawing; any other with an image.
  const padModel = useEditor((s) => {
    const shape = s.nodes.find((n) => n.data.blockType === 'Input')?.data.params.shape;
    return isMnistShape(Array.isArray(shape) ? shape : undefined);
  });
  // From the blocks upstream, so that they show even while this block's own parameters are wrong.
  const incomingShapes = useEditor(
    useShallow((s) => (node ? s.edges.filter((e) => e.target === node.id).map((e) => s.analysis.nodes[e.source]?.outputShape) : [])),
  );
  const lang = docLanguage(i18n.language);
  const baseGroup = useEditor(selectedGroupOf);

  if (baseGroup) return <BaseInspector key={baseGroup} groupId={baseGroup} />;

  if (!node) {
    return (
      <aside className="inspector" aria-label={t('ui-editor:inspector.title')}>
        <h2 className="panel-title">{t('ui-editor:inspector.title')}</h2>
        {selected.length > 1 ? (
          <div>
            <p>{t('ui-editor:inspector.many', { count: selected.length })}</p>
            <div className="button-row">
              <button type="button" onClick={() => editorStore.getState().duplicateSelection()}>
                {t('ui-editor:action.duplicate')}
              </button>
              <button type="button" className="danger" onClick={deleteSelectionAndFocus}>
                {t('ui-editor:action.delete')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <p className="muted">{t('ui-editor:inspector.none')}</p>
            {readyToTrain && (
              <p className="inspector__next" data-testid="ready-to-train">
                {t('ui-guide:readyToTrain', { context: padModel ? undefined : 'image' })}
              </p>
            )}
          </>
        )}
      </aside>
    );
  }

  const block = getBlock(node.data.blockType);
  const doc = block && inLanguage(block.doc, lang);
  const count = analysis ? analysis.paramCount.trainable + analysis.paramCount.nonTrainable : 0;
  // Shown above the parameters of an augmentation block, so that the images appear as soon as it is selected; below the Input block's.
  const augmentation = block?.category === 'Augmentation';
  const preview = (augmentation || (block?.type === 'Input' && analysis?.outputShape?.length === 3)) && (
    <section className="inspector__section" aria-label={t('ui-augment:title')}>
      <h3>{t('ui-augment:title')}</h3>
      <AugmentationPreview selectedId={node.id} canEnlarge />
    </section>
  );
  return (
    <aside className="inspector" aria-label={t('ui-editor:inspector.title')} key={selectedIds}>
      <h2 className="panel-title">
        {node.data.blockType} <span className="muted inspector__id">{node.id}</span>
      </h2>
      <div className="button-row inspector__actions">
        <button
          type="button"
          onClick={() => editorStore.getState().duplicateSelection()}
          title={`${t('ui-editor:action.duplicate')} (Ctrl+D)`}
        >
          {t('ui-editor:action.duplicate')}
        </button>
        <DeleteSelectionButton label={t('ui-editor:action.delete')} />
      </div>
      <p className="inspector__shapes">
        {t('ui-editor:inspector.shapes', {
          input: incomingShapes.length ? incomingShapes.map(formatShape).join(' + ') : '—',
          output: formatShape(analysis?.outputShape),
        })}
        <br />
        {t('ui-editor:inspector.paramCount', { count })}
      </p>
      {augmentation && preview}
      {block && (
        <section className="inspector__section" aria-label={t('ui-editor:inspector.parameters')}>
          <h3>{t('ui-editor:inspector.parameters')}</h3>
          {Object.entries(block.params).map(([name, spec]) => (
            <ParamField
              key={name}
              nodeId={node.id}
              name={name}
              spec={spec}
              value={node.data.params[name]}
              problem={
                analysis?.issues
                  .filter((i) => i.param === name)
                  .map((i) => issueText(i, i18n.language))
                  .join(' ') || undefined
              }
            />
          ))}
        </section>
      )}
      {!augmentation && preview}
      <Inputs nodeId={node.id} />
      {doc && (
        <section className="inspector__section explanation" aria-label={t('ui-editor:inspector.explanation')}>
          <h3>{t('ui-editor:inspector.explanation')}</h3>
          <p>{doc.summary}</p>
          <p>{doc.details}</p>
          {doc.formula && (
            <p>
              <strong>{t('ui-editor:inspector.formula')}</strong> <code>{doc.formula}</code>
            </p>
          )}
          <p>
            <strong>{t('ui-editor:inspector.whenToUse')}</strong> {doc.whenToUse}
          </p>
        </section>
      )}
    </aside>
  );
}
