import type { ReactNode } from 'react';

/**
 * A part of a panel under its own heading, which names it for a screen reader. `aside` stands
 * beside the heading (a filter, a switch), the two in a row of class `headClassName`.
 */
export function Section({
  id,
  title,
  aside,
  headClassName,
  className,
  testId,
  children,
}: {
  id: string;
  title: ReactNode;
  aside?: ReactNode;
  headClassName?: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const heading = <h3 id={id}>{title}</h3>;
  return (
    <section aria-labelledby={id} className={className} data-testid={testId}>
      {aside ? (
        <div className={headClassName}>
          {heading}
          {aside}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
