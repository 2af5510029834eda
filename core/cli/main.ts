import { commands, type CommandName } from './commands';
import { consoleIo, type CliIo } from './io';

function usage(io: CliIo): void {
  io.out('Usage: neuroblocks <command> [options]\n\nCommands:');
  for (const [name, { summary }] of Object.entries(commands)) io.out(`  ${name.padEnd(10)} ${summary}`);
  io.out('\nRun `neuroblocks <command> --help` for the options of one command.');
}

/** Runs one CLI invocation and returns its exit code. */
export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
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
    io.err(`Unknown command "${name}".`);
    usage(io);
    return 2;
  }
  const command = await commands[name as CommandName].load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
