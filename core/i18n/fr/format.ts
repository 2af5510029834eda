import type { Catalogue } from '../types';
import type { format as en } from '../en/format';

// Les mots des formats des paramètres de messages (listes de formes et d’identifiants de blocs), en français.
export const format: Catalogue<typeof en> = {
  and: '{{first}} et {{second}}',
  more_one: '{{shown}} et {{count}} autre',
  more_other: '{{shown}} et {{count}} autres',
  bytes: '{{count}} octets',
  semicolon: '{{first}} ; {{second}}',
};
