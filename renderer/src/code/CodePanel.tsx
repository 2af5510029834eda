import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeLanguage } from '../../../core/model/codegen/code-view';
import { toGraph } from '../store/flow-graph';
import { useEditor } from '../store/index';
import { blockLines, createCodeCache } from './code-lines';
import { codeViewStore, useCodeView } from './code-store';
import '../ui/panel-tabs.css';
import './code.css';
import { problemLine } from '../ui/error-text';
import { closeSidePanel, PanelClose, PanelToggle, TabList } from '../ui/SidePanel';

const languages: CodeLanguage[] = ['keras', 'pytorch'];
const codeOf = createCodeCache();

/** Closes the panel and gives the focus back to the button that opens it. */
const closePanel = () => closeSidePanel(codeViewStore, 'code');

/** The toolbar button that shows and hides the code view. */
export function CodeButton() {
  const { t } = useTranslation();
  const open = useCodeView((s) => s.open);
  return (
    <PanelToggle
      kind="code"
      open={open}
      controls="code-panel"
      title={t('ui-export:code.openTitle')}
      onToggle={() => codeViewStore.setState({ open: !open })}
    >
      {t('ui-export:code.open')}
    </PanelToggle>
  );
}

/**
 * The Keras or PyTorch code of the graph being edited, beside it, following every edit. `fit` fits the
 * graph into the canvas again (the editor's readable fit), as the canvas changes width when the view opens or closes.
 */
export function CodePanel({ fit }: { fit: (duration?: number) => void }) {
  const { t } = useTranslation();
  const open = useCodeView((s) => s.open);
  const language = useCodeView((s) => s.language);
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const name = useEditor((s) => s.project.name);
  const [copied, setCopied] = useState(false);
  // The canvas changes width when the code view opens or closes: the graph is fitted into it again.
  const opened = useRef(open);
  useEffect(() => {
    if (opened.current === open) return;
    opened.current = open;
    const frame = requestAnimationFrame(() => fit(200));
    return () => cancelAnimationFrame(frame);
  }, [open, fit]);
  const result = useMemo(() => (open ? codeOf(toGraph(nodes, edges), language, name) : undefined), [open, nodes, edges, language, name]);
  const selected = nodes.filter((n) => n.selected);
  const selectedId = selected.length === 1 ? selected[0].id : undefined;
  const highlighted = useMemo(
    () => (result?.ok && selectedId ? blockLines(result.code, language, selectedId) : new Set<number>()),
    [result, language, selectedId],
  );
  if (!open || !result) return null;

  const select = (next: CodeLanguage) => {
    codeViewStore.setState({ language: next });
    setCopied(false);
  };
  const copy = async () => {
    if (!result.ok) return;
    try {
      await navigator.clipboard.writeText(result.code);
      setCopied(true);
    } catch {
      window.alert(t('ui-export:code.copyFailed'));
    }
  };
  const lines = result.ok ? result.code.split('\n') : [];
  return (
    <aside
      id="code-panel"
      className="code-panel"
      aria-label={t('ui-export:code.panelLabel')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') closePanel();
      }}
    >
      <div className="code-panel__header">
        <TabList
          tabs={languages}
          selected={language}
          label={t('ui-export:code.languages')}
          className="code-panel__tabs"
          tabId={(lang) => `code-tab-${lang}`}
          panelId={() => 'code-panel-body'}
          tabLabel={(lang) => t(`ui-export:code.${lang}`)}
          onSelect={select}
        />
        <button type="button" onClick={() => void copy()} disabled={!result.ok} aria-live="polite">
          {copied ? `✓ ${t('ui-export:code.copied')}` : t('ui-export:code.copy')}
        </button>
        <PanelClose className="code-panel__close" label={t('ui-export:code.close')} onClose={closePanel} />
      </div>
      <div
        id="code-panel-body"
        role="tabpanel"
        aria-labelledby={`code-tab-${language}`}
        className="code-panel__body"
        data-testid="code-view"
      >
        {nodes.length === 0 ? (
          <p className="code-panel__message">{t('ui-export:code.empty')}</p>
        ) : !result.ok ? (
          <div className="code-panel__message code-panel__message--error" role="status">
            <p>{t('ui-export:code.cannotExpress', { language: t(`ui-export:code.${language}`) })}</p>
            <p data-testid="code-error">{problemLine(result.message)}</p>
          </div>
        ) : (
          <>
            {highlighted.size > 0 && <p className="code-panel__hint">{t('ui-export:code.selectedHint', { id: selectedId })}</p>}
            <pre className="code-panel__code" tabIndex={0} aria-label={t('ui-export:code.panelLabel')}>
              <code>
                {lines.map((line, i) => (
                  <span key={i} className={highlighted.has(i) ? 'code-line code-line--selected' : 'code-line'}>
                    {line}
                    {'\n'}
                  </span>
                ))}
              </code>
            </pre>
          </>
        )}
      </div>
    </aside>
  );
}
