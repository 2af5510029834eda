import type { ExportFormatName } from '../../../core/api/contract';
import { folderStem } from '../../../core/model/file-names';

/** The separator the host's paths use: backslashes on Windows, slashes elsewhere. */
function separatorOf(folder: string): string {
  return /^[A-Za-z]:\\/.test(folder) || (folder.includes('\\') && !folder.includes('/')) ? '\\' : '/';
}

/** Where an export goes unless the user picks another folder: `exports/<name>-<format>` in the projects folder. */
export function defaultExportFolder(projectsDirectory: string, projectName: string, format: ExportFormatName): string {
  const sep = separatorOf(projectsDirectory);
  const base = projectsDirectory.replace(/[\\/]+$/, '');
  return [base, 'exports', `${folderStem(projectName)}-${format}`].join(sep);
}

/** Whether a folder typed by the user is a full path, which the host requires (a relative one would be ambiguous). */
export function isFullPath(folder: string): boolean {
  return folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder) || folder.startsWith('\\\\');
}
