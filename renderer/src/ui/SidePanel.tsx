import { useRef, type ReactNode } from 'react';

// The pieces of a panel beside the graph (the code view, the training panel): the toolbar button
// that opens and closes it, its row of tabs, and its close button.

/** Closes a panel (its store's `open`) and gives the focus back to its toolbar button, the `<kind>-toggle`. */
export function closeSidePanel(store: { setState(state: { open: boolean }): void }, kind: string): void {
  store.setState({ open: false });
  document.querySelector<HTMLButtonElement>(`.${kind}-toggle`)?.focus();
}

/** The toolbar button that opens and closes the panel `controls`; styled `<kind>-toggle`, and `<kind>-toggle--open` while it is open. */
export function PanelToggle({
  kind,
  open,
  controls,
  title,
  onToggle,
  children,
}: {
  kind: string;
  open: boolean;
  controls: string;
  title?: string;
  onToggle(): void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`${kind}-toggle${open ? ` ${kind}-toggle--open` : ''}`}
      aria-expanded={open}
      aria-controls={controls}
      title={title}
      onClick={onToggle}
    >
      {children}
    </button>
  );
}

/**
 * A row of tabs, one chosen: a click or the arrow keys (round the row) choose another and move the
 * focus to it; only the chosen one is in the Tab order. Each tab controls the panel `panelId` names.
 */
export function TabList<T extends string>({
  tabs,
  selected,
  label,
  className,
  tabId,
  panelId,
  tabLabel,
  onSelect,
}: {
  tabs: readonly T[];
  selected: T;
  label: string;
  className: string;
  tabId(tab: T): string;
  panelId(tab: T): string;
  tabLabel(tab: T): string;
  onSelect(tab: T): void;
}) {
  const buttons = useRef<Partial<Record<T, HTMLButtonElement | null>>>({});
  const select = (next: T) => {
    onSelect(next);
    buttons.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={className}>
      {tabs.map((tab, i) => (
        <button
          key={tab}
          ref={(element) => {
            buttons.current[tab] = element;
          }}
          type="button"
          role="tab"
          id={tabId(tab)}
          aria-selected={selected === tab}
          aria-controls={panelId(tab)}
          tabIndex={selected === tab ? 0 : -1}
          onClick={() => select(tab)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              e.preventDefault();
              select(tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]);
            }
          }}
        >
          {tabLabel(tab)}
        </button>
      ))}
    </div>
  );
}

/** The × that closes a panel, named `label`. */
export function PanelClose({ className, label, onClose }: { className: string; label: string; onClose(): void }) {
  return (
    <button type="button" className={className} onClick={onClose} aria-label={label} title={label}>
      ×
    </button>
  );
}
