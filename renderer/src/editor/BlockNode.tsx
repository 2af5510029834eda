import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { getBlock } from '../../../core/model/blocks/index';
import { formatShape } from '../../../core/model/graph';
import type { BlockFlowNode } from '../store/flow-graph';
import { useEditor } from '../store/index';
import { docLanguage } from '../ui/format';
import { CodeText, plainText } from '../ui/CodeText';
import { issueText } from '../../../core/model/issues';
import { NodeHandle } from './NodeHandle';
import { categoryStyle } from '../ui/category-style';

function safeDescribe(type: string, params: Record<string, unknown>, language: string): string {
  try {
    return getBlock(type)?.describe(params, docLanguage(language)) ?? '';
  } catch {
    return '';
  }
}

/** A block on the canvas: its type, key parameters, output shape, parameter count and any problem. */
function BlockNodeView({ id, data, selected }: NodeProps<BlockFlowNode>) {
  const { t, i18n } = useTranslation();
  const analysis = useEditor((s) => s.analysis.nodes[id]);
  const vertical = useEditor((s) => s.direction === 'TB');
  const block = getBlock(data.blockType);
  const issues = analysis?.issues ?? [];
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const count = analysis ? analysis.paramCount.trainable + analysis.paramCount.nonTrainable : 0;
  const frozen = analysis && analysis.paramCount.nonTrainable > 0 && analysis.paramCount.trainable === 0;
  const problem = errors.length ? 'error' : warnings.length ? 'warning' : undefined;
  const messages = [...errors, ...warnings].map((i) => plainText(issueText(i, i18n.language))).join('\n');
  const tipId = `issues-${id}`;
  return (
    <div
      className={`block-node${selected ? ' is-selected' : ''}${problem ? ` has-${problem}` : ''}`}
      style={categoryStyle(block?.category)}
      data-testid={`node-${id}`}
      data-block-type={data.blockType}
      lang={i18n.language}
    >
      {block && block.inputs.max > 0 && <NodeHandle side="in" name={data.blockType} vertical={vertical} t={t} />}
      <div className="block-node__head">
        <span className="block-node__type">{data.blockType}</span>
        <span className="block-node__id" title={id}>
          {id}
        </span>
      </div>
      <div className="block-node__describe">
        {analysis ? safeDescribe(data.blockType, { ...analysis.params, ...data.params }, i18n.language) : ''}
      </div>
      <div className="block-node__foot">
        <span className="block-node__shape" title={t('ui-editor:node.outputShape')}>
          → {formatShape(analysis?.outputShape)}
        </span>
        <span className="block-node__params" data-testid={`params-${id}`}>
          {t('ui-editor:node.params', { count })}
          {frozen ? ` · ${t('ui-editor:node.frozen')}` : ''}
        </span>
      </div>
      {problem && (
        <span
          className={`badge badge--${problem}`}
          tabIndex={0}
          role="img"
          aria-label={`${t(problem === 'error' ? 'ui-editor:node.error' : 'ui-editor:node.warning')}: ${messages}`}
          aria-describedby={tipId}
          data-testid={`badge-${id}`}
        >
          {problem === 'error' ? '!' : '⚠'}
          <span className="badge__tip" role="tooltip" id={tipId}>
            {[...errors, ...warnings].map((i, n) => (
              <span key={n} className={`tip-line tip-${i.severity}`}>
                <CodeText text={issueText(i, i18n.language)} />
              </span>
            ))}
          </span>
        </span>
      )}
      <NodeHandle side="out" name={data.blockType} vertical={vertical} t={t} />
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
