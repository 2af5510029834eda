import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { panelsStore } from './panels';

type SidePanel = 'palette' | 'inspector';

/** The button that shows a hidden side panel or hides a shown one (`shown`), named with the key that does the same: [ or ]. */
function PanelButton({ panel, shown, className, children }: { panel: SidePanel; shown: boolean; className: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const palette = panel === 'palette';
  const label = t(
    shown
      ? palette
        ? 'ui-editor:panels.hidePalette'
        : 'ui-editor:panels.hideInspector'
      : palette
        ? 'ui-editor:panels.showPalette'
        : 'ui-editor:panels.showInspector',
  );
  return (
    <button
      type="button"
      className={className}
      onClick={() => (shown ? panelsStore.getState().toggle(panel) : panelsStore.getState().show(panel))}
      aria-label={label}
      title={`${label} (${palette ? '[' : ']'})`}
      aria-expanded={shown}
    >
      {/* The arrow points the way the panel goes: out towards its edge, or in from it. */}
      <span aria-hidden="true">{palette === shown ? '«' : '»'}</span>
      {children}
    </button>
  );
}

/** A collapsed side panel: a narrow strip with the button that opens it again. */
export function PanelStrip({ panel }: { panel: SidePanel }) {
  const { t } = useTranslation();
  return (
    <div className={`panel-strip panel-strip--${panel}`}>
      <PanelButton panel={panel} shown={false} className="panel-strip__button">
        <span className="panel-strip__name">{t(panel === 'palette' ? 'ui-editor:palette.title' : 'ui-editor:inspector.title')}</span>
      </PanelButton>
    </div>
  );
}

/** The button that hides a side panel, at its top corner. */
export function HidePanelButton({ panel }: { panel: SidePanel }) {
  return <PanelButton panel={panel} shown className="panel-hide" />;
}
