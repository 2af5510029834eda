// Starting and stopping `neuroblocks serve` for the end-to-end tests, each host with a home of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Starts `neuroblocks serve` on a free port, with settings and projects in `home` (a throw-away folder). */
export function startServer(home: string): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, ['bin/neuroblocks.js', 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, HOME: home, NEUROBLOCKS_CONFIG_DIR: path.join(home, 'config'), XDG_CONFIG_HOME: path.join(home, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`The web host printed no URL within 120 s. Its output:\n${output}`)), 120_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      server.kill();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/127\.0\.0\.1:\d+\/\S*token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], server });
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.on('exit', (code) => fail(new Error(`The web host exited (code ${code}) before printing its URL. Its output:\n${output}`)));
  });
}

/** Stops a host started by `startServer` and waits until it has exited. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill();
  await exited;
}
