// Whether the desktop app can start here: the Electron binary must be installed and there must
// be a display. The electron npm package downloads its binary in an install script; offline
// installs end up without it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronAvailability = { available: true; binary: string } | { available: false; reason: string };

export function findElectron(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  from: string = import.meta.url,
): ElectronAvailability {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return { available: false, reason: 'the optional "electron" package is not installed' };
  }
  let relative: string;
  try {
    relative = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return {
      available: false,
      reason:
        'the Electron binary was not downloaded when the packages were installed (no internet access to GitHub at install time); run `node node_modules/electron/install.js` where the internet is reachable to get it',
    };
  }
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : path.join(packageDir, 'dist', relative);
  if (!existsSync(binary))
    return { available: false, reason: `the Electron binary ${binary} is missing; reinstall the packages with \`npm install\`` };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { available: false, reason: 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { available: true, binary };
}
