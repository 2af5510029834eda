import { useTranslation } from 'react-i18next';
import { panelsStore } from './panels';

/** A collapsed side panel: a narrow strip with the button that opens it again. */
export function PanelStrip({ panel }: { panel: 'palette' | 'inspector' }) {
  const { t } = useTranslation();
  const label = t(panel === 'palette' ? 'ui-editor:panels.showPalette' : 'ui-editor:panels.showInspector');
  return (
    <div className={`panel-strip panel-strip--${panel}`}>
      <button
        type="button"
        className="panel-strip__button"
        onClick={() => panelsStore.getState().show(panel)}
        aria-label={label}
        title={`${label} (${panel === 'palette' ? '[' : ']'})`}
        aria-expanded={false}
      >
        <span aria-hidden="true">{panel === 'palette' ? '»' : '«'}</span>
        <span className="panel-strip__name">{t(panel === 'palette' ? 'ui-editor:palette.title' : 'ui-editor:inspector.title')}</span>
      </button>
    </div>
  );
}

/** The button that hides a side panel, at its top corner. */
export function HidePanelButton({ panel }: { panel: 'palette' | 'inspector' }) {
  const { t } = useTranslation();
  const label = t(panel === 'palette' ? 'ui-editor:panels.hidePalette' : 'ui-editor:panels.hideInspector');
  return (
    <button
      type="button"
      className="panel-hide"
      onClick={() => panelsStore.getState().toggle(panel)}
      aria-label={label}
      title={`${label} (${panel === 'palette' ? '[' : ']'})`}
      aria-expanded={true}
    >
      <span aria-hidden="true">{panel === 'palette' ? '«' : '»'}</span>
    </button>
  );
}
