import { useTranslation } from 'react-i18next';
import { useReactFlow } from '@xyflow/react';
import { issueText, type GraphIssue } from '../../../core/model/issues';
import { editorStore, useEditor } from '../store/index';
import { formatCount } from '../ui/format';
import { CodeText } from '../ui/CodeText';

/** Parameter totals and every error and warning; choosing one selects its block and brings it into view. */
export function SummaryPanel() {
  const { t, i18n } = useTranslation();
  const analysis = useEditor((s) => s.analysis);
  const { fitView } = useReactFlow();
  const n = (v: number) => formatCount(v, i18n.language);
  const focus = (issue: GraphIssue) => {
    if (!issue.nodeId) return;
    editorStore.getState().select([issue.nodeId]);
    void fitView({ nodes: [{ id: issue.nodeId }], duration: 300, maxZoom: 1.2 });
  };
  const issues = [...analysis.errors, ...analysis.warnings];
  return (
    <section className="summary" aria-label={t('ui-editor:summary.title')}>
      <h2 className="panel-title">{t('ui-editor:summary.title')}</h2>
      <dl className="summary__counts">
        <div>
          <dt>{t('ui-editor:summary.total')}</dt>
          <dd data-testid="total-params">{n(analysis.totalParams)}</dd>
        </div>
        <div>
          <dt>{t('ui-editor:summary.trainable')}</dt>
          <dd data-testid="trainable-params">{n(analysis.trainableParams)}</dd>
        </div>
        <div>
          <dt>{t('ui-editor:summary.nonTrainable')}</dt>
          <dd data-testid="non-trainable-params">{n(analysis.nonTrainableParams)}</dd>
        </div>
      </dl>
      <p className={`summary__status ${analysis.valid ? 'is-valid' : 'is-invalid'}`} role="status" data-testid="graph-status">
        {analysis.valid ? t('ui-editor:summary.valid') : t('ui-editor:summary.invalid', { count: analysis.errors.length })}
        {analysis.warnings.length > 0 && ` · ${t('ui-editor:summary.warnings', { count: analysis.warnings.length })}`}
      </p>
      {issues.length > 0 && (
        <ul className="issue-list" aria-label={t('ui-editor:summary.issues')}>
          {issues.map((issue, i) => (
            <li key={i} className={`issue issue-${issue.severity}`}>
              {issue.nodeId ? (
                <button type="button" className="issue__button" onClick={() => focus(issue)} data-testid="issue">
                  <span className="issue__kind">{t(issue.severity === 'error' ? 'ui-editor:node.error' : 'ui-editor:node.warning')}</span>{' '}
                  <CodeText text={issueText(issue, i18n.language)} />
                </button>
              ) : (
                <span data-testid="issue">
                  <span className="issue__kind">{t(issue.severity === 'error' ? 'ui-editor:node.error' : 'ui-editor:node.warning')}</span>{' '}
                  <CodeText text={issueText(issue, i18n.language)} />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
