import type { CliIo } from './io';

/** A CliIo that records what a command printed, for tests; it speaks English whatever the machine's locale, unless `--lang` says otherwise. */
export function recordingIo(): CliIo & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    isTty: false,
    language: 'en',
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    text: () => [...stdout, ...stderr].join('\n'),
  };
}
