// How every command reads its arguments: Node's parseArgs, strict, with `--help`/`-h`, the count of
// file arguments checked, and the checks of option values that several commands share.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { problem } from '../i18n/catalogue';
import { LocalizedError } from '../model/localized';
import type { CliIo } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;
const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses `args` with the command's options and `--help`. Returns the exit code instead when the
 * command is done: 0 after printing the help it was asked for, 2 after printing why the arguments
 * are wrong (an unknown option, an option without its value, a number of positional arguments
 * other than `count` or outside `[min, max]`) and the help.
 */
export function commandArgs<const O extends Options>(
  args: string[],
  io: CliIo,
  help: string,
  options: O,
  count: number | readonly [number, number],
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, ...helpOption }, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(help);
    return 0;
  }
  const [min, max] = typeof count === 'number' ? [count, count] : count;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    io.err(help);
    return 2;
  }
  return parsed;
}

/** An option's whole number of at least `min`, or undefined when it was not given. */
export function wholeNumber(value: string | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new LocalizedError(problem('cli:wholeNumber', { option, min, value }));
  return n;
}

/** An option's value among `choices`, or undefined when it was not given. */
export function oneOf<const C extends readonly string[]>(
  value: string | undefined,
  option: string,
  choices: C,
  what = option,
): C[number] | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value)) throw new LocalizedError(problem('cli:oneOf', { what, value, choices }));
  return value as C[number];
}

/** The options that set a training run, as `neuroblocks train` and an exported job (`export --format job`) take them. */
export const runSettingOptions = {
  epochs: { type: 'string' },
  seed: { type: 'string' },
  size: { type: 'string' },
  device: { type: 'string' },
} as const;

/** The run's --epochs (at least 1), --seed and --size (at least 10), each undefined when not given. */
export function runSettings(values: { epochs?: string; seed?: string; size?: string }) {
  return {
    epochs: wholeNumber(values.epochs, 'epochs', 1),
    seed: wholeNumber(values.seed, 'seed', 0),
    size: wholeNumber(values.size, 'size', 10),
  };
}
