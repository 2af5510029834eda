// summary, train and export refuse a FIFO, a device and a folder named like a project, at once.
import { execFile, execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin', 'neuroblocks.js');
const dir = mkdtempSync(join(tmpdir(), 'nb-special-'));

afterAll(() => {
  for (const name of ['pipe.json', 'pipe.nbproj']) {
    try {
      closeSync(openSync(join(dir, name), constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader waits.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the command with a deadline; a command still waiting then is killed and reported as hung. */
function run(args: string[]): Promise<{ code: number | null; output: string; hung: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, timeout: 30_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const failure = error as (Error & { code?: number; killed?: boolean }) | null;
      resolve({
        code: failure ? (typeof failure.code === 'number' ? failure.code : null) : 0,
        output: `${stdout}${stderr}`,
        hung: Boolean(failure?.killed),
      });
    });
  });
}

describe.skipIf(process.platform === 'win32')('neuroblocks commands on files that are not regular files', () => {
  const fifo = join(dir, 'pipe.json');
  const zero = join(dir, 'zero.json');
  const folder = join(dir, 'folder.json');
  execFileSync('mkfifo', [fifo]);
  symlinkSync('/dev/zero', zero);
  mkdirSync(folder);

  const cases: [string, string[], RegExp][] = [
    ['summary of a FIFO', ['summary', fifo], /it is a named pipe, not a file/],
    ['summary of /dev/zero', ['summary', zero], /it is a device, not a file/],
    ['summary of a folder', ['summary', folder], /it is a folder, not a file/],
    ['train of a FIFO', ['train', fifo, '--epochs', '1'], /it is a named pipe, not a file/],
    ['train of /dev/zero', ['train', zero, '--epochs', '1'], /it is a device, not a file/],
    ['export of a FIFO', ['export', fifo, '--format', 'keras', '--out', join(dir, 'out')], /it is a named pipe, not a file/],
    ['export of /dev/zero', ['export', zero, '--format', 'keras', '--out', join(dir, 'out')], /it is a device, not a file/],
  ];
  for (const [name, args, message] of cases)
    it(`${name} is refused at once`, { timeout: 60_000 }, async () => {
      const result = await run(args);
      expect(result.hung).toBe(false);
      expect(result.code).toBe(1);
      expect(result.output).toMatch(message);
    });
});
