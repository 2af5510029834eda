// Where Neuroblocks keeps a user's settings and, by default, their projects: each platform's
// convention. Used by the services, the desktop app and the data sets that download into the
// settings folder.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The per-user configuration directory, following each platform's convention. */
export function defaultConfigDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
): string {
  if (env.NEUROBLOCKS_CONFIG_DIR) return path.resolve(env.NEUROBLOCKS_CONFIG_DIR);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Neuroblocks');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Neuroblocks');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'neuroblocks');
}

/** `~/Documents/Neuroblocks` where a Documents folder exists, otherwise `~/Neuroblocks`. */
export function defaultProjectsDir(home = os.homedir()): string {
  const documents = path.join(home, 'Documents');
  return path.join(existsSync(documents) ? documents : home, 'Neuroblocks');
}
