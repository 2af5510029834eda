import { spawn } from 'node:child_process';
import { findElectron } from '../electron-binary';
import { ensureRendererBuilt, repositoryRoot } from '../../hosts/web/renderer-build';
import { commandArgs } from '../args';
import type { CliIo } from '../io';
import { parsePort, serveUntilStopped } from './serve';

const help = `Usage: neuroblocks start [--web] [--port P] [--no-browser]

Opens the Neuroblocks desktop app. Where it cannot run (the Electron binary is not installed, or
there is no display), starts the app in the browser instead and prints its address.

  --web          use the browser even where the desktop app could run
  --port P       port for the browser version (default: a free port)
  --no-browser   print the address without opening a browser`;

async function runDesktop(binary: string, io: CliIo): Promise<number> {
  await ensureRendererBuilt((line) => io.err(line));
  const { bundleElectron } = await import('../../../build/bundle-electron');
  await bundleElectron();
  // Set in some shells to use Electron as plain Node; the app needs it unset.
  const { ELECTRON_RUN_AS_NODE: _asNode, ...env } = process.env;
  const child = spawn(binary, [repositoryRoot], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 0);
    });
  });
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(
    args,
    io,
    help,
    { web: { type: 'boolean' }, port: { type: 'string', short: 'p' }, 'no-browser': { type: 'boolean' } },
    0,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const port = parsePort(values.port);
  if (!values.web) {
    const electron = findElectron();
    if (electron.available) return runDesktop(electron.binary, io);
    io.err(`The desktop app cannot start because ${electron.reason}. Starting Neuroblocks in the browser instead.`);
  }
  return serveUntilStopped(io, { port, openBrowser: !values['no-browser'] && !process.env.NEUROBLOCKS_NO_BROWSER });
}
