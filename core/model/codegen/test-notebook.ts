// What the tests read of a generated notebook.

/** The code cells of a notebook, as one Python file. */
export function notebookCode(text: string): string {
  const notebook = JSON.parse(text) as { cells: { cell_type: string; source: string[] }[] };
  return notebook.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => c.source.join(''))
    .join('\n\n');
}
