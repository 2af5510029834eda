import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParamSpec, Regularizer } from '../../../core/model/params';
import { editorStore } from '../store/index';
import { paramToText, textToParam } from './param-text';
import { CodeText } from '../ui/CodeText';
import { inLanguage } from '../ui/typography';

interface Props {
  nodeId: string;
  name: string;
  spec: ParamSpec;
  /** The value written in the project, or undefined when the default applies. */
  value: unknown;
  /** What the analysis says is wrong with this parameter, if anything. */
  problem?: string;
}

const set = (nodeId: string, name: string, value: unknown) => editorStore.getState().setParam(nodeId, name, value);

/** Keeps what the person types while it is not a valid value yet, and follows the store when it changes elsewhere (undo). */
function useDraft(value: unknown): [string, (text: string) => void] {
  const text = paramToText(value);
  const [draft, setDraft] = useState(text);
  const [shown, setShown] = useState(text);
  if (shown !== text) {
    setShown(text);
    setDraft(text);
  }
  return [draft, setDraft];
}

function NumberInput({
  nodeId,
  name,
  spec,
  value,
  describedBy,
  invalid,
}: Props & { spec: Extract<ParamSpec, { kind: 'int' | 'float' }>; describedBy: string; invalid: boolean }) {
  const id = `${nodeId}-${name}`;
  const [draft, setDraft] = useDraft(value ?? spec.default);
  return (
    <input
      id={id}
      type="number"
      inputMode={spec.kind === 'int' ? 'numeric' : 'decimal'}
      min={spec.min}
      max={spec.max}
      step={spec.kind === 'int' ? 1 : 'any'}
      value={draft}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      data-testid={`param-${name}`}
      onChange={(e) => {
        setDraft(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(e.target.valueAsNumber)) set(nodeId, name, e.target.valueAsNumber);
      }}
    />
  );
}

function TextInput({ nodeId, name, spec, value, describedBy, invalid }: Props & { describedBy: string; invalid: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useDraft(value === undefined ? spec.default : value);
  const parsed = textToParam(spec, draft);
  return (
    <>
      <input
        id={`${nodeId}-${name}`}
        type="text"
        value={draft}
        placeholder={
          spec.kind === 'size2' || spec.kind === 'range' ? (spec.nullable ? t('ui-editor:inspector.auto') : undefined) : undefined
        }
        aria-describedby={describedBy}
        aria-invalid={invalid || !parsed.ok || undefined}
        data-testid={`param-${name}`}
        onChange={(e) => {
          setDraft(e.target.value);
          const result = textToParam(spec, e.target.value);
          if (result.ok) set(nodeId, name, result.value);
        }}
      />
      {!parsed.ok && <span className="field-error">{t('ui-editor:inspector.notNumbers')}</span>}
    </>
  );
}

function RegularizerInput({ nodeId, name, value, describedBy }: Props & { describedBy: string }) {
  const { t } = useTranslation();
  const reg = (value ?? null) as Regularizer;
  const kind = !reg ? 'none' : reg.l1 !== undefined && reg.l2 !== undefined ? 'l1l2' : reg.l1 !== undefined ? 'l1' : 'l2';
  const strength = reg?.l2 ?? reg?.l1 ?? 0.01;
  const [text, setText] = useState(String(strength));
  useEffect(() => setText(String(strength)), [strength]);
  const build = (k: string, s: number): Regularizer =>
    k === 'none' ? null : k === 'l1' ? { l1: s } : k === 'l2' ? { l2: s } : { l1: s, l2: s };
  return (
    <div className="reg-field">
      <select
        id={`${nodeId}-${name}`}
        value={kind}
        aria-describedby={describedBy}
        data-testid={`param-${name}`}
        onChange={(e) => set(nodeId, name, build(e.target.value, strength))}
      >
        <option value="none">{t('ui-editor:inspector.regNone')}</option>
        <option value="l1">L1</option>
        <option value="l2">L2</option>
        <option value="l1l2">L1 + L2</option>
      </select>
      {kind !== 'none' && (
        <input
          type="number"
          min={0}
          max={10}
          step="any"
          value={text}
          aria-label={t('ui-editor:inspector.regStrength', { param: name })}
          onChange={(e) => {
            setText(e.target.value);
            if (Number.isFinite(e.target.valueAsNumber)) set(nodeId, name, build(kind, e.target.valueAsNumber));
          }}
        />
      )}
    </div>
  );
}

/** One parameter of the selected block, with a control chosen from its spec (range, choices, default) and its help. */
export function ParamField(props: Props) {
  const { t, i18n } = useTranslation();
  const { nodeId, name, spec, value, problem } = props;
  const helpId = useId();
  const describedBy = helpId;
  const invalid = Boolean(problem);
  let control;
  switch (spec.kind) {
    case 'int':
    case 'float':
      control = <NumberInput {...props} spec={spec} describedBy={describedBy} invalid={invalid} />;
      break;
    case 'enum':
      control = (
        <select
          id={`${nodeId}-${name}`}
          value={String(value ?? spec.default)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid={`param-${name}`}
          onChange={(e) => set(nodeId, name, e.target.value)}
        >
          {spec.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      );
      break;
    case 'bool':
      control = (
        <input
          id={`${nodeId}-${name}`}
          type="checkbox"
          checked={Boolean(value ?? spec.default)}
          aria-describedby={describedBy}
          data-testid={`param-${name}`}
          onChange={(e) => set(nodeId, name, e.target.checked)}
        />
      );
      break;
    case 'regularizer':
      control = <RegularizerInput {...props} describedBy={describedBy} />;
      break;
    default:
      control = <TextInput {...props} describedBy={describedBy} invalid={invalid} />;
  }
  const range = spec.kind === 'int' || spec.kind === 'float' ? t('ui-editor:inspector.range', { min: spec.min, max: spec.max }) : '';
  const defaultText =
    spec.kind === 'regularizer'
      ? t('ui-editor:inspector.regNone')
      : typeof spec.default === 'boolean'
        ? t(spec.default ? 'ui-editor:inspector.true' : 'ui-editor:inspector.false')
        : paramToText(spec.default) || t('ui-editor:inspector.auto');
  return (
    <div className={`field field-${spec.kind}${invalid ? ' is-invalid' : ''}`}>
      <label htmlFor={`${nodeId}-${name}`} className="field-label">
        {name}
      </label>
      {control}
      <p className="field-help" id={helpId}>
        {inLanguage(spec.help, i18n.language)}{' '}
        <span className="muted">{[range, t('ui-editor:inspector.default', { value: defaultText })].filter(Boolean).join(' · ')}</span>
        {problem && (
          <span className="field-error" role="alert">
            <CodeText text={problem} />
          </span>
        )}
      </p>
    </div>
  );
}
