import type { ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog';

/**
 * A modal dialog, open for as long as it is mounted, over a panel: Escape closes this dialog only
 * (through `onClose`), not the panel behind it. `labelledBy` and `describedBy` are the ids of its
 * title and of the text that says what it is about.
 */
export function ModalDialog({
  className,
  labelledBy,
  describedBy,
  testId,
  onClose,
  children,
}: {
  className: string;
  labelledBy: string;
  describedBy?: string;
  testId?: string;
  onClose(): void;
  children: ReactNode;
}) {
  const dialog = useModalDialog();
  return (
    <dialog
      ref={dialog}
      className={`dialog ${className}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      onClose={onClose}
      onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}
    >
      {children}
    </dialog>
  );
}
