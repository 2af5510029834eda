import type { ReactNode } from 'react';

/** A setting of a form: its name above the control (`children`, whose id is `id`) that changes it. */
export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <label className="train-field" htmlFor={id}>
      <span>{label}</span>
      {children}
    </label>
  );
}

/** The `<option>`s of a `<select>`, each a value and the words shown for it. */
export function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}
