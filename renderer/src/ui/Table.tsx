import type { ReactNode } from 'react';

/**
 * A table whose first row names its columns: `columns` are the headings (one left out where it is
 * `false`), `children` the body's rows, and `caption` a title read to a screen reader only.
 */
export function Table({
  columns,
  caption,
  className,
  testId,
  children,
}: {
  columns: (ReactNode | false)[];
  caption?: string;
  className: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <table className={className} data-testid={testId}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {columns.map(
            (column, i) =>
              column !== false && (
                <th key={i} scope="col">
                  {column}
                </th>
              ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
