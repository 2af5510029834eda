import { useTranslation } from 'react-i18next';
import { languages, setLanguage } from './language';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="inline-label">
      <span className="sr-only">{t('ui-app:language.label')}</span>
      <select
        value={i18n.language.startsWith('fr') ? 'fr' : 'en'}
        onChange={(e) => setLanguage(e.target.value)}
        aria-label={t('ui-app:language.label')}
        data-testid="language"
      >
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
