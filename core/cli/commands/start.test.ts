import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let home: string | undefined;

afterEach(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

describe('neuroblocks start without the desktop app', () => {
  it('says why in one message, serves the app in the browser and prints its address', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-start-'));
    const rendererDir = path.join(home, 'renderer');
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Neuroblocks</title>');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      NEUROBLOCKS_CONFIG_DIR: path.join(home, 'config'),
      NEUROBLOCKS_RENDERER_DIR: rendererDir,
      // No Electron binary and no display, whatever this machine has.
      ELECTRON_OVERRIDE_DIST_PATH: path.join(home, 'no-electron'),
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
    };
    const child = spawn(process.execPath, ['bin/neuroblocks.js', 'start', '--no-browser'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No address printed within 45 s.\n${stdout}\n${stderr}`)), 45_000);
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match[0]);
          }
        });
        void exited.then((code) => reject(new Error(`start exited with ${code} before printing an address.\n${stderr}`)));
      });
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^The desktop app cannot start because .+\. Starting Neuroblocks in the browser instead\.$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Neuroblocks</title>');
      expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
