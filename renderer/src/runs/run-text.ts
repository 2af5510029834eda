// Words for runs, settings and graph changes in the interface language.
import type { RunStatus } from '../../../core/api/contract';
import type { GraphChange } from '../../../core/model/graph-diff';
import { formatNumber } from '../ui/format';
import { deviceText } from '../train/device-text';
import type { TFunction } from 'i18next';

export type Translate = TFunction;

export function statusText(t: Translate, status: RunStatus): string {
  return t(`ui-runs:state.${status === 'early-stopped' ? 'earlyStopped' : status}`);
}

/** A setting's label (`training.learningRate` → "Learning rate"); a setting without one keeps its Keras name. */
export function settingLabel(t: Translate, key: string): string {
  const label = t(`ui-runs:runHistory.key.${key}`, { defaultValue: '' });
  return label || key.replace(/^training\./, '');
}

/** A setting's value in words: the kind and name of a built-in data set are translated, numbers written as in the language. */
export function settingValue(t: Translate, value: unknown, key = '', language = 'en'): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return t(value ? 'ui-runs:runHistory.yes' : 'ui-runs:runHistory.no');
  if (typeof value === 'number') return formatNumber(value, language);
  if (key === 'dataset.kind' && typeof value === 'string') return t(`ui-runs:runHistory.datasetKind.${value}`, { defaultValue: value });
  if (key === 'dataset.name' && typeof value === 'string') return t(`ui-data:builtinName.${value}`, { defaultValue: value });
  if (key === 'device' && typeof value === 'string') return deviceText(value, language);
  if (Array.isArray(value)) return value.join('×');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One change of a graph in words, e.g. "Dense “dense_1”: units 64 → 128". */
export function changeText(t: Translate, change: GraphChange, format: (value: unknown) => string): string {
  switch (change.kind) {
    case 'added':
    case 'removed':
      return t(`ui-runs:runHistory.change.${change.kind}`, { type: change.type, id: change.id });
    case 'type':
      return t('ui-runs:runHistory.change.type', { id: change.id, before: change.before, after: change.after });
    case 'param':
      return t('ui-runs:runHistory.change.param', {
        type: change.type,
        id: change.id,
        param: change.param,
        before: format(change.before),
        after: format(change.after),
      });
    case 'connected':
    case 'disconnected':
      return t(`ui-runs:runHistory.change.${change.kind}`, { source: change.source, target: change.target });
  }
}
