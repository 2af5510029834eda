// Runs after `npm install`. Electron is an optional dependency whose own install script downloads
// the Electron binary from GitHub; where that download is impossible (offline machines, locked-down
// CI) the script fails and npm then drops the whole optional package, types included. The desktop
// code must still type-check and bundle there, so this puts the `electron` package back without
// running its download. `npm start` notices the missing binary and falls back to the web host.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => (existsSync(join(root, file)) ? JSON.parse(readFileSync(join(root, file), 'utf8')) : {});
// The locked version, so that the types match what machines with the binary install.
const version =
  readJson('package-lock.json').packages?.['node_modules/electron']?.version ?? readJson('package.json').optionalDependencies?.electron;

if (!version || existsSync(join(root, 'node_modules', 'electron', 'electron.d.ts'))) process.exit(0);

console.log(
  `The Electron binary could not be installed (its download failed, so npm left out the optional "electron" package). ` +
    `Installing electron@${version} without its binary so that the desktop code still type-checks and bundles; ` +
    '`npm start` will open the app in a browser instead.',
);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `electron@${version}`], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.status !== 0) {
  // Not fatal: the app still installs and runs in a browser; only the desktop type check needs it.
  console.warn(
    `Could not install the electron package (exit code ${result.status}); the desktop code will not type-check until it is installed.`,
  );
}
