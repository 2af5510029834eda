// A project's data set path is relative to the project file's folder when the data lie beside it.
// Saved as another file, possibly in another folder, the path must still lead to the data: it is
// made absolute from the folder the project comes from (the host makes it relative again when the
// data lie beside the new file).
import type { Project } from '../../core/model/project';

const isAbsolute = (p: string) => p.startsWith('/') || p.startsWith('\\') || /^[a-zA-Z]:[\\/]/.test(p);

/** The project with its image folder or CSV path made absolute from `from`, the file it was opened from or last saved as. */
export function withDatasetPathFrom<P extends Pick<Project, 'dataset'>>(project: P, from: string | undefined): P {
  const dataset = project.dataset;
  if (!from || !isAbsolute(from) || !dataset || dataset.kind === 'builtin' || isAbsolute(dataset.path)) return project;
  const cut = Math.max(from.lastIndexOf('/'), from.lastIndexOf('\\'));
  const separator = from[cut];
  return { ...project, dataset: { ...dataset, path: `${from.slice(0, cut)}${separator}${dataset.path.split(/[\\/]/).join(separator)}` } };
}
