import { useEffect, useRef, type RefObject } from 'react';

/** A `<dialog>` shown as a modal for as long as the component holding it is mounted. */
export function useModalDialog(): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return dialog;
}

/** A `<dialog>` shown as a modal while `open` is true, and closed when it turns false. */
export function useModalDialogWhile(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!open) dialog.current?.close();
    else if (!dialog.current?.open) dialog.current?.showModal();
  }, [open]);
  return dialog;
}
