import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from './ModalDialog';

/**
 * Asks before a change that replaces or destroys something, saying what. Escape and Cancel close
 * it without doing anything; the focus starts on Cancel, so a stray Enter does no harm.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <ModalDialog className="runs-confirm" labelledBy="runs-confirm-title" describedBy="runs-confirm-body" onClose={onCancel}>
      <h2 id="runs-confirm-title">{title}</h2>
      <div id="runs-confirm-body" className="runs-confirm__body">
        {children}
      </div>
      <div className="button-row runs-confirm__buttons">
        <button ref={cancel} type="button" onClick={onCancel}>
          {t('ui-runs:runHistory.cancel')}
        </button>
        <button type="button" className={danger ? 'danger runs-confirm__danger' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
