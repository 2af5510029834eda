// The language the command line speaks: `--lang en|fr` when given, otherwise the locale of the
// environment (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them), English by default.
import { problem } from '../i18n/catalogue';
import { languageOf, type Language } from '../i18n/translate';
import { LocalizedError } from '../model/localized';

/** The language of the environment's locale: `fr_FR.UTF-8` → fr; unset, `C`, `POSIX` or any other → en. */
export function environmentLanguage(env: Record<string, string | undefined>): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return languageOf(locale);
}

/**
 * Takes `--lang en|fr` (or `--lang=fr`) out of the arguments, wherever it stands, so that every
 * command accepts it. Throws a LocalizedError when its value is neither.
 */
export function takeLanguageOption(argv: readonly string[]): { argv: string[]; language?: Language } {
  const rest: string[] = [];
  let language: Language | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const value = arg === '--lang' ? argv[++i] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === undefined && arg !== '--lang') {
      rest.push(arg);
      continue;
    }
    if (value !== 'en' && value !== 'fr') throw new LocalizedError(problem('cli:badLanguage', { value: value ?? '' }));
    language = value;
  }
  return { argv: rest, language };
}
