// File names that every platform can hold, so that a project made on Linux opens on Windows.
// Browser-safe: the editor can check a name before it is sent.
import type { Localized } from './params';

/** Names Windows keeps for devices, with any extension: `CON`, `nul.json`, `COM1.csv`, `LPT9`. */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
const FORBIDDEN = /[\\/:*?"<>|]/;

/**
 * Why `name` (one file or folder name, no separators) cannot be used on every platform, or
 * undefined when it can.
 */
export function fileNameProblem(name: string): Localized | undefined {
  if (name === '' || name === '.' || name === '..')
    return { en: `"${name}" is not a file name`, fr: `« ${name} » n’est pas un nom de fichier` };
  if (FORBIDDEN.test(name) || [...name].some((c) => c.charCodeAt(0) < 32))
    return {
      en: `"${name}" contains a character that file names cannot hold (/ \\ : * ? " < > | or a control character)`,
      fr: `« ${name} » contient un caractère interdit dans les noms de fichiers (/ \\ : * ? " < > | ou un caractère de contrôle)`,
    };
  if (RESERVED.test(name.replace(/\s+(?=\.|$)/, '')))
    return {
      en: `"${name}" is a name Windows reserves for a device (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, with any extension), so the file could not be opened there`,
      fr: `« ${name} » est un nom que Windows réserve à un périphérique (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9, quelle que soit l’extension) : le fichier ne pourrait pas y être ouvert`,
    };
  if (/[. ]$/.test(name))
    return {
      en: `"${name}" ends with a dot or a space, which Windows drops from file names`,
      fr: `« ${name} » se termine par un point ou une espace, que Windows retire des noms de fichiers`,
    };
  if (name.length > 255)
    return {
      en: `"${name.slice(0, 40)}…" is longer than a file name can be (255 characters)`,
      fr: `« ${name.slice(0, 40)}… » est plus long qu’un nom de fichier ne peut l’être (255 caractères)`,
    };
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
