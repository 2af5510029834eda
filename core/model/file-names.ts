// File names that every platform can hold, so that a project made on Linux opens on Windows.
// Browser-safe: the editor can check a name before it is sent.
import { problem, type Problem } from '../i18n/catalogue';

/** Names Windows keeps for devices, with any extension: `CON`, `nul.json`, `COM1.csv`, `LPT9`. */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
const FORBIDDEN = /[\\/:*?"<>|]/;

/** The longest file name most file systems hold, in characters. */
const MAX_NAME = 255;

/**
 * Why `name` (one file or folder name, no separators) cannot be used on every platform, or
 * undefined when it can: a problem of the `project` namespace, to put inside a sentence that says
 * what cannot be done with it ("Cannot save x: …", `{{why, problem}}`).
 */
export function fileNameIssue(name: string): Problem | undefined {
  if (name === '' || name === '.' || name === '..') return problem('project:nameNotAName', { name });
  if (FORBIDDEN.test(name) || [...name].some((c) => c.charCodeAt(0) < 32)) return problem('project:nameBadCharacter', { name });
  if (RESERVED.test(name.replace(/\s+(?=\.|$)/, ''))) return problem('project:nameReserved', { name });
  if (/[. ]$/.test(name)) return problem('project:nameTrailingDot', { name });
  if (name.length > MAX_NAME) return problem('project:nameTooLong', { start: name.slice(0, 40), max: MAX_NAME });
  return undefined;
}

/** The same name made usable everywhere: reserved names get a suffix, trailing dots and spaces go. */
export function portableFileName(name: string, fallback: string): string {
  let cleaned = name.replace(/[. ]+$/, '');
  if (!cleaned) return fallback;
  if (RESERVED.test(cleaned)) cleaned = cleaned.replace(/^([^.]*)/, `$1-${fallback}`);
  return cleaned;
}

/** `MNIST CNN` → `mnist-cnn`: a project's name as the stem of its default export folder. */
export function folderStem(projectName: string): string {
  return (
    projectName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'model'
  );
}
