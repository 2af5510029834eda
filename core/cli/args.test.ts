import { describe, expect, it } from 'vitest';
import { commandArgs, oneOf, wholeNumber } from './args';
import { recordingIo } from './test-io';

const options = { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } } as const;

describe('a command’s arguments', () => {
  it('are parsed with the command’s options, and the file arguments counted', () => {
    const io = recordingIo();
    const parsed = commandArgs(['a.nbproj', '-o', 'dir', '--force'], io, 'Usage: test', options, 1);
    expect(parsed).toEqual({ values: { out: 'dir', force: true }, positionals: ['a.nbproj'] });
    expect(io.text()).toBe('');
  });

  it('print the help on --help or -h (exit 0), and on a wrong count of file arguments as an error (exit 2)', () => {
    for (const flag of ['--help', '-h']) {
      const io = recordingIo();
      expect(commandArgs([flag], io, 'Usage: test', options, 1)).toBe(0);
      expect(io.stdout).toEqual(['Usage: test']);
    }
    for (const args of [[], ['a', 'b', 'c']]) {
      const io = recordingIo();
      expect(commandArgs(args, io, 'Usage: test', options, [1, 2])).toBe(2);
      expect(io.stderr).toEqual(['Usage: test']);
    }
  });

  it('refuse an option the command does not have, or one without its value, saying why before the help (exit 2)', () => {
    for (const args of [['--colour', 'red'], ['--out']]) {
      const io = recordingIo();
      expect(commandArgs(args, io, 'Usage: test', options, 0)).toBe(2);
      expect(io.stderr).toEqual([
        expect.stringMatching(/^(Unknown option '--colour'|Option '-o, --out <value>' argument missing)[^]*\n\nUsage: test$/),
      ]);
    }
  });

  it('check whole numbers and choices, naming the option and what it takes', () => {
    expect(wholeNumber(undefined, 'epochs', 1)).toBeUndefined();
    expect(wholeNumber('12', 'epochs', 1)).toBe(12);
    expect(() => wholeNumber('1.5', 'epochs', 1)).toThrow('--epochs must be a whole number of at least 1, not "1.5".');
    expect(() => wholeNumber('0', 'epochs', 1)).toThrow('at least 1, not "0"');
    expect(oneOf('cpu', 'device', ['auto', 'cpu'] as const)).toBe('cpu');
    expect(() => oneOf('gpu', 'device', ['auto', 'cpu'] as const)).toThrow('Unknown device "gpu". Choose one of: auto, cpu.');
  });
});
