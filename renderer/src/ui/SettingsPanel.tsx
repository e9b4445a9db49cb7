// Settings: a draft the agent edits and saves in one go. Locked keys (set by an administrator) are shown
// disabled with a note; main refuses connection changes during a session and the refusal shows here.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { draftOf, isDirty, settingsPatch, type SettingsDraft } from '../logic/settings-form';
import { ErrorBox } from './Alerts';
import { useSidebar, useSidebarState } from './context';

export function SettingsPanel() {
  const sidebar = useSidebar();
  const settings = useSidebarState((s) => s.app!.settings);
  const saving = useSidebarState((s) => s.pending.updateSettings === true);
  const error = useSidebarState((s) => s.errors.updateSettings);
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [saved, setSaved] = useState(false);
  // Main's settings changed (another window, a save): follow them unless the agent is mid-edit.
  if (settings !== base) {
    setBase(settings);
    if (!isDirty(base, draft)) setDraft(draftOf(settings));
  }

  const edit = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  async function save(e: FormEvent) {
    e.preventDefault();
    const result = await sidebar.call('updateSettings', settingsPatch(settings, draft));
    if (result) {
      setDraft(draftOf({ ...result }));
      setSaved(true);
    }
  }

  const lock = (key: keyof SettingsDraft) => settings.locked.includes(key);
  const bound: Bound = { draft, edit, lock };
  return (
    <details className="panel settings">
      <summary>
        <h2>Settings</h2>
      </summary>
      <form onSubmit={(e) => void save(e)}>
        <TextSetting
          bound={bound}
          name="serviceUrl"
          label="Service URL"
          type="url"
          placeholder="https://cobrowse.example.com"
          note="Empty: the embedded demo server."
        />
        <TextSetting
          bound={bound}
          name="origin"
          label="Origin"
          type="url"
          note="Sent to the server's CORS allow-list."
        />
        <ChoiceSetting bound={bound} name="stickiness" label="Stickiness" options={STICKINESS} />
        <ChoiceSetting bound={bound} name="transport" label="Transport" options={TRANSPORTS} />
        <TextSetting bound={bound} name="agentName" label="Agent display name" maxLength={100} />
        <ChoiceSetting bound={bound} name="source" label="Interaction source" options={SOURCES} />
        {draft.source === 'workspace' && (
          <>
            <TextSetting
              bound={bound}
              name="workspaceUrl"
              label="Workspace API URL"
              type="url"
              placeholder="https://gapi-use1.genesyscloud.com"
            />
            <TextSetting bound={bound} name="workspaceClientId" label="Workspace client ID" />
          </>
        )}
        <Check
          label="Debug"
          note="Agent page with debug=1, detailed logs."
          locked={lock('debug')}
          checked={draft.debug}
          onChange={(v) => edit('debug', v)}
        />
        <Check
          label="Always on top"
          note={sidebar.host === 'web' ? 'Desktop app only.' : undefined}
          locked={lock('alwaysOnTop')}
          checked={draft.alwaysOnTop}
          onChange={(v) => edit('alwaysOnTop', v)}
        />
        <div className="row">
          <button type="submit" className="primary" disabled={saving || !isDirty(settings, draft)}>
            Save settings
          </button>
          <span className="muted" aria-live="polite">
            {saved ? 'Settings saved.' : ''}
          </span>
        </div>
        {error && <ErrorBox error={error} onDismiss={() => sidebar.clearError('updateSettings')} />}
      </form>
    </details>
  );
}

const LOCKED_NOTE = 'Locked by your administrator.';

/** What every setting field needs from the form. */
interface Bound {
  draft: SettingsDraft;
  edit: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
  lock: (key: keyof SettingsDraft) => boolean;
}
type TextKey = 'serviceUrl' | 'origin' | 'agentName' | 'workspaceUrl' | 'workspaceClientId';
type ChoiceKey = 'stickiness' | 'transport' | 'source';

type Options<K extends ChoiceKey> = [SettingsDraft[K], string][];
const STICKINESS: Options<'stickiness'> = [
  ['cookie', 'Cookie (load balancer)'],
  ['url', 'Node URL'],
];
const TRANSPORTS: Options<'transport'> = [
  ['long-polling', 'Long polling'],
  ['websocket', 'WebSocket'],
];
const SOURCES: Options<'source'> = [
  ['local-api', 'Local integration API (softphone)'],
  ['workspace', 'Genesys Workspace API'],
];

function TextSetting(props: {
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
    <Field label={props.label} locked={bound.lock(name)} note={props.note}>
      {(id, describedBy) => (
        <input
          id={id}
          type={props.type ?? 'text'}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          aria-describedby={describedBy}
          disabled={bound.lock(name)}
          value={bound.draft[name]}
          onChange={(e) => bound.edit(name, e.target.value)}
        />
      )}
    </Field>
  );
}

function ChoiceSetting<K extends ChoiceKey>(props: {
  bound: Bound;
  name: K;
  label: string;
  options: Options<K>;
}) {
  const { bound, name } = props;
  return (
    <Field label={props.label} locked={bound.lock(name)}>
      {(id, describedBy) => (
        <select
          id={id}
          aria-describedby={describedBy}
          disabled={bound.lock(name)}
          value={bound.draft[name]}
          onChange={(e) => bound.edit(name, e.target.value as SettingsDraft[K])}
        >
          {props.options.map(([value, text]) => (
            <option key={value} value={value}>
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
  note,
  children,
}: {
  label: string;
  locked: boolean;
  note?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const text = locked ? LOCKED_NOTE : note;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, text ? `${id}-note` : undefined)}
      {text && (
        <p id={`${id}-note`} className="hint">
          {text}
        </p>
      )}
    </div>
  );
}

function Check(props: {
  label: string;
  note?: string | undefined;
  locked: boolean;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  const id = useId();
  const text = props.locked ? LOCKED_NOTE : props.note;
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
