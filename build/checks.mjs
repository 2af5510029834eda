// `npm test`'s static checks side by side: ESLint, Prettier's check and the two TypeScript projects
// each run in a process of their own, at the same time. Each one's output is printed whole when it
// ends (never interleaved with another's), under a line naming it, its exit status and its time; the
// script fails when any check fails, after all have ended, and names the ones that failed.
// `node build/checks.mjs` runs them all; `node build/checks.mjs eslint tsc-web` runs the ones named.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** The checks, each a command run in the repository's root (`npm run lint` runs the first two, `npm run typecheck` the last two). */
const checks = {
  eslint: [bin('eslint'), '.'],
  prettier: [bin('prettier'), '--check', '.'],
  tsc: [bin('tsc'), '-p', 'tsconfig.json', '--noEmit'],
  'tsc-web': [bin('tsc'), '-p', 'tsconfig.web.json', '--noEmit'],
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in checks));
if (unknown.length) {
  console.error(`Unknown check: ${unknown.join(', ')}. The checks are: ${Object.keys(checks).join(', ')}.`);
  process.exit(2);
}
const names = asked.length ? asked : Object.keys(checks);

/** Runs one check to its end; resolves with its exit status (1 when it could not start) and its whole output. */
function run(name) {
  const [command, ...args] = checks[name];
  const started = performance.now();
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let ended = false;
    const end = (code, signal) => {
      if (ended) return;
      ended = true;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const status = code ?? (signal ? `killed by ${signal}` : 1);
      const line = status === 0 ? `✓ ${name} passed (${seconds} s)` : `✗ ${name} failed, exit status ${status} (${seconds} s)`;
      process.stdout.write(`\n${line}: ${[command.replace(`${root}/`, ''), ...args].join(' ')}\n${output}`);
      resolve(status === 0 ? 0 : 1);
    };
    child.on('error', (error) => {
      output += `${command} could not start: ${error.message}\n`;
      end(null, null);
    });
    child.on('close', end);
  });
}

const started = performance.now();
const results = await Promise.all(names.map(run));
const failed = names.filter((_, i) => results[i] !== 0);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failed.length) {
  console.error(`\n${failed.length} of ${names.length} checks failed (${seconds} s): ${failed.join(', ')}; their output is above.`);
  process.exit(1);
}
console.log(`\nAll ${names.length} checks passed (${seconds} s).`);
