import { useTranslation } from 'react-i18next';
import { uiStore, useUi } from '../store/index';
import { CodeText } from './CodeText';

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useUi((s) => s.toasts);
  const hold = (held: boolean) => uiStore.getState().holdToasts(held);
  return (
    <div
      className="toasts"
      aria-live="polite"
      role="status"
      onPointerEnter={() => hold(true)}
      onPointerLeave={() => hold(false)}
      onFocus={() => hold(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) hold(false);
      }}
    >
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : undefined}
          data-testid={`toast-${toast.kind}`}
        >
          <span>
            <CodeText text={toast.text} />
          </span>
          <button
            type="button"
            className="toast__close"
            onClick={() => uiStore.getState().dismissToast(toast.id)}
            aria-label={t('ui-editor:toast.dismiss')}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
