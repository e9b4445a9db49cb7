// Settings: a draft the agent edits and saves in one go. Locked keys (set by an administrator) are shown
// disabled with a note; main refuses connection changes during a session and the refusal shows here.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AppState } from '../../../preload/contract';
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
  return (
    <details className="panel settings">
      <summary>
        <h2>Settings</h2>
      </summary>
      <form onSubmit={(e) => void save(e)}>
        <Field label="Service URL" locked={lock('serviceUrl')} note="Empty: the embedded demo server.">
          {(id, describedBy) => (
            <input
              id={id}
              type="url"
              placeholder="https://cobrowse.example.com"
              aria-describedby={describedBy}
              disabled={lock('serviceUrl')}
              value={draft.serviceUrl}
              onChange={(e) => edit('serviceUrl', e.target.value)}
            />
          )}
        </Field>
        <Field label="Origin" locked={lock('origin')} note="Sent to the server's CORS allow-list.">
          {(id, describedBy) => (
            <input
              id={id}
              type="url"
              aria-describedby={describedBy}
              disabled={lock('origin')}
              value={draft.origin}
              onChange={(e) => edit('origin', e.target.value)}
            />
          )}
        </Field>
        <Field label="Stickiness" locked={lock('stickiness')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              disabled={lock('stickiness')}
              value={draft.stickiness}
              onChange={(e) => edit('stickiness', e.target.value as AppState['settings']['stickiness'])}
            >
              <option value="cookie">Cookie (load balancer)</option>
              <option value="url">Node URL</option>
            </select>
          )}
        </Field>
        <Field label="Transport" locked={lock('transport')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              disabled={lock('transport')}
              value={draft.transport}
              onChange={(e) => edit('transport', e.target.value as AppState['settings']['transport'])}
            >
              <option value="long-polling">Long polling</option>
              <option value="websocket">WebSocket</option>
            </select>
          )}
        </Field>
        <Field label="Agent display name" locked={lock('agentName')}>
          {(id, describedBy) => (
            <input
              id={id}
              type="text"
              maxLength={100}
              aria-describedby={describedBy}
              disabled={lock('agentName')}
              value={draft.agentName}
              onChange={(e) => edit('agentName', e.target.value)}
            />
          )}
        </Field>
        <Field label="Interaction source" locked={lock('source')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              disabled={lock('source')}
              value={draft.source}
              onChange={(e) => edit('source', e.target.value as AppState['settings']['source'])}
            >
              <option value="local-api">Local integration API (softphone)</option>
              <option value="workspace">Genesys Workspace API</option>
            </select>
          )}
        </Field>
        {draft.source === 'workspace' && (
          <>
            <Field label="Workspace API URL" locked={lock('workspaceUrl')}>
              {(id, describedBy) => (
                <input
                  id={id}
                  type="url"
                  placeholder="https://gapi-use1.genesyscloud.com"
                  aria-describedby={describedBy}
                  disabled={lock('workspaceUrl')}
                  value={draft.workspaceUrl}
                  onChange={(e) => edit('workspaceUrl', e.target.value)}
                />
              )}
            </Field>
            <Field label="Workspace client ID" locked={lock('workspaceClientId')}>
              {(id, describedBy) => (
                <input
                  id={id}
                  type="text"
                  aria-describedby={describedBy}
                  disabled={lock('workspaceClientId')}
                  value={draft.workspaceClientId}
                  onChange={(e) => edit('workspaceClientId', e.target.value)}
                />
              )}
            </Field>
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
