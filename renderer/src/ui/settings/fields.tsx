// The settings form's fields: each labelled, described by its note or the administrator's lock, its error
// said under it.
import { useId, type ReactNode } from 'react';
import type { SettingsDraft } from '../../logic/settings-form';

/** What every setting field needs from the form. */
export interface Bound {
  draft: SettingsDraft;
  /** The field's own error text while its value would be refused. */
  errorOf: (key: keyof SettingsDraft) => string | undefined;
  edit: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
  lock: (key: keyof SettingsDraft) => boolean;
  lockedNote: string;
}
export const URL_KEYS: readonly (keyof SettingsDraft)[] = ['serviceUrl', 'origin', 'workspaceUrl'];
export type CheckKey = 'debug' | 'alwaysOnTop' | 'notifyOnRequest' | 'requestSound';
export type TextKey = 'serviceUrl' | 'origin' | 'agentName' | 'workspaceUrl' | 'workspaceClientId';
export type ChoiceKey = 'stickiness' | 'transport' | 'source' | 'language' | 'agentPageZoom';
/** Value, words, and the words' language when it is not the page's. */
export type Option<K extends ChoiceKey> = [SettingsDraft[K], string, string?];

export function TextSetting(props: {
  bound: Bound;
  name: TextKey;
  label: string;
  type?: 'url' | 'text';
  placeholder?: string;
  note?: string;
  maxLength?: number;
}) {
  const { bound, name } = props;
  return (
    <Field
      label={props.label}
      locked={bound.lock(name)}
      lockedNote={bound.lockedNote}
      note={props.note}
      error={bound.errorOf(name)}
    >
      {(id, describedBy) => (
        <input
          id={id}
          type={props.type ?? 'text'}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          aria-describedby={describedBy}
          aria-invalid={bound.errorOf(name) ? true : undefined}
          disabled={bound.lock(name)}
          value={bound.draft[name]}
          onChange={(e) => bound.edit(name, e.target.value)}
        />
      )}
    </Field>
  );
}

export function ChoiceSetting<K extends ChoiceKey>(props: {
  bound: Bound;
  name: K;
  label: string;
  options: Option<K>[];
  note?: string;
}) {
  const { bound, name } = props;
  return (
    <Field label={props.label} locked={bound.lock(name)} lockedNote={bound.lockedNote} note={props.note}>
      {(id, describedBy) => (
        <select
          id={id}
          aria-describedby={describedBy}
          disabled={bound.lock(name)}
          value={bound.draft[name]}
          onChange={(e) => bound.edit(name, e.target.value as SettingsDraft[K])}
        >
          {props.options.map(([value, text, lang]) => (
            <option key={value} value={value} lang={lang}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function Field({
  label,
  locked,
  lockedNote,
  note,
  error,
  children,
}: {
  label: string;
  locked: boolean;
  lockedNote: string;
  note?: string | undefined;
  error?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const text = locked ? lockedNote : note;
  const describedBy = [error && `${id}-error`, text && `${id}-note`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy || undefined)}
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid="field-error">
          {error}
        </p>
      )}
      {text && (
        <p id={`${id}-note`} className="hint">
          {text}
        </p>
      )}
    </div>
  );
}

export function CheckSetting({
  bound,
  name,
  label,
  note,
}: {
  bound: Bound;
  name: CheckKey;
  label: string;
  note?: string | undefined;
}) {
  return (
    <Check
      label={label}
      note={note}
      lockedNote={bound.lockedNote}
      locked={bound.lock(name)}
      checked={bound.draft[name]}
      onChange={(v) => bound.edit(name, v)}
    />
  );
}

function Check(props: {
  label: string;
  note?: string | undefined;
  lockedNote: string;
  locked: boolean;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  const id = useId();
  const text = props.locked ? props.lockedNote : props.note;
  return (
    <div className="field check">
      <input
        id={id}
        type="checkbox"
        disabled={props.locked}
        aria-describedby={text ? `${id}-note` : undefined}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {text && (
        <p id={`${id}-note`} className="hint">
          {text}
        </p>
      )}
    </div>
  );
}
