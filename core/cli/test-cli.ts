// The installed command and the XOR project that the CLI's training tests run it on.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mlpProject, writeProjectJson } from '../store/test-helpers';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const bin = join(root, 'bin', 'neuroblocks.js');

/** Writes `xor.json` into `dir`: a tanh MLP on 200 XOR points, `epochs` long, and returns its path. */
export function xorJson(dir: string, epochs: number): string {
  return writeProjectJson(
    dir,
    mlpProject({
      name: 'XOR',
      activation: 'tanh',
      dataset: { kind: 'builtin', name: 'xor', size: 200 },
      training: { learningRate: 0.03, batchSize: 16, epochs, seed: 2 },
    }),
    'xor.json',
  );
}

/** Starts the installed command with `args`, kills it (SIGKILL) once it has printed `epochs` epoch lines, and waits for it to die. */
export async function killAfterEpochs(args: string[], epochs = 2): Promise<void> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if ((output.match(/^Epoch \d+\//gm) ?? []).length >= epochs) resolve();
    });
    child.on('exit', (code) => reject(new Error(`train ended by itself (${code}): ${output}`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('exit', resolve));
}
