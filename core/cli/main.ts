import { problem } from '../i18n/catalogue';
import { problemText, type Language } from '../i18n/translate';
import { errorTexts } from '../model/localized';
import { commands, type CommandName } from './commands';
import { consoleIo, type CliIo } from './io';
import { environmentLanguage, takeLanguageOption } from './language';

function usage(io: CliIo): void {
  io.out('Usage: neuroblocks <command> [options]\n\nCommands:');
  for (const [name, { summary }] of Object.entries(commands)) io.out(`  ${name.padEnd(10)} ${summary}`);
  io.out('\nRun `neuroblocks <command> --help` for the options of one command.');
}

/**
 * Runs one CLI invocation and returns its exit code. Its errors are in the language of `--lang`,
 * else of the environment's locale (`env`, the process's by default).
 */
export async function main(
  args: string[],
  baseIo: CliIo = consoleIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let language: Language = baseIo.language ?? environmentLanguage(env);
  let argv: string[];
  try {
    const taken = takeLanguageOption(args);
    argv = taken.argv;
    language = taken.language ?? language;
  } catch (error) {
    baseIo.err(errorTexts(error)[language]);
    return 2;
  }
  const io: CliIo = { ...baseIo, language };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    usage(io);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { version } = await import('../../package.json', { with: { type: 'json' } }).then((m) => m.default);
    io.out(version);
    return 0;
  }
  if (!(name in commands)) {
    io.err(problemText(problem('cli:unknownCommand', { name }), language));
    usage(io);
    return 2;
  }
  const command = await commands[name as CommandName].load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(errorTexts(error)[language]);
    return 1;
  }
}
