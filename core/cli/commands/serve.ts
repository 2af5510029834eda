import { spawn } from 'node:child_process';
import { NeuroblocksService } from '../../services/services';
import { ensureRendererBuilt } from '../../hosts/web/renderer-build';
import { startWebHost } from '../../hosts/web/web-host';
import { commandArgs } from '../args';
import type { CliIo } from '../io';

const help = `Usage: neuroblocks serve [--port P]

Serves the Neuroblocks app to a browser on this computer only (127.0.0.1) and prints its address.
The address carries a secret token that changes at every start: open exactly that address.
Stop with Ctrl+C.

  --port P   port to listen on (default: a free port)`;

export interface ServeOptions {
  port: number;
  /** Also try to open the address in the system's browser. */
  openBrowser: boolean;
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new Error(`--port must be a whole number from 0 to 65535 (got "${text}"); 0 picks a free port.`);
  return port;
}

/** Opens a URL in the system's browser when one is installed; never fails. */
export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser: the printed address is enough.
  }
}

/** Runs the web host until the process is asked to stop (Ctrl+C or SIGTERM). */
export async function serveUntilStopped(io: CliIo, options: ServeOptions): Promise<number> {
  const rendererDir = await ensureRendererBuilt((line) => io.err(line));
  const service = new NeuroblocksService({ host: 'web' });
  let host;
  try {
    host = await startWebHost({ service, rendererDir, port: options.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`Port ${options.port} is already in use: choose another with --port, or 0 for a free one.`);
    throw error;
  }
  io.out(`Neuroblocks is running at ${host.url}`);
  io.out('Open that address in a browser on this computer. Press Ctrl+C to stop.');
  if (options.openBrowser) openInBrowser(host.url);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await host.close();
  // Edits still waiting to be autosaved are written before the process ends.
  service.closeProjectFiles();
  return 0;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, io, help, { port: { type: 'string', short: 'p' } }, 0);
  if (typeof parsed === 'number') return parsed;
  return serveUntilStopped(io, { port: parsePort(parsed.values.port), openBrowser: false });
}
