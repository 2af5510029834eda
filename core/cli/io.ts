import type { Language } from '../i18n/translate';

/** Where a command writes; tests pass their own to read what a command printed. */
export interface CliIo {
  /** The language of what it prints for people (errors, warnings); English when not given. */
  language?: Language;
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is an interactive terminal (progress bars are drawn only then). */
  isTty: boolean;
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTty: Boolean(process.stdout.isTTY),
};

export interface Command {
  run(args: string[], io: CliIo): Promise<number>;
}
