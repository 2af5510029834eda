import { deleteSelectionAndFocus } from './actions';

/** The inspector's delete button: removes what is selected, as the Delete key does (its tooltip says so). */
export function DeleteSelectionButton({ label }: { label: string }) {
  return (
    <button type="button" className="danger" onClick={deleteSelectionAndFocus} title={`${label} (Delete)`}>
      {label}
    </button>
  );
}
