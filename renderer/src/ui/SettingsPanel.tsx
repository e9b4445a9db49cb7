// Settings: a draft the agent edits and saves in one go. The agent's own settings first, the plumbing
// (server, stickiness, transport, source, debug) under "Advanced". Each field is checked as typed against the
// same schema main uses, its error said under it (no browser bubble); Save with an error moves focus there.
// Locked keys (set by an administrator) are shown disabled with a note; main refuses connection changes
// during a session and the refusal shows here.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { defineMessage, defineMessages, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { chooseLocale, LOCALES } from '../../../common/locale';
import { zoomFactorOf } from '../../../common/contract-helpers';
import { AgentPageZoom } from '../../../common/settings-schema';
import { AUTONYMS } from '../i18n/locale';
import { draftOf, invalidFields, isDirty, settingsPatch, type SettingsDraft } from '../logic/settings-form';
import { ErrorBox } from './Alerts';
import { useSidebar, useSidebarState } from './context';
import { askNotificationPermission, NotificationPermission } from './WebNotifications';

export function SettingsPanel() {
  const sidebar = useSidebar();
  const intl = useIntl();
  const t = intl.formatMessage;
  const systemLocale = useSidebarState((s) => s.app!.systemLocale);
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
    // The agent's own click: the one moment a browser lets a page ask to show notifications.
    if (key === 'notifyOnRequest' && value === true && sidebar.host === 'web') askNotificationPermission();
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const invalid = invalidFields(draft);
  const form = useRef<HTMLFormElement>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    if (invalid.length > 0) {
      // The first field in error, its Advanced fold opened if it is there.
      const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      const fold = first?.closest('details');
      if (fold) fold.open = true;
      first?.focus();
      return;
    }
    const result = await sidebar.call('updateSettings', settingsPatch(settings, draft));
    if (result) {
      setDraft(draftOf({ ...result }));
      setSaved(true);
    }
  }

  const lock = (key: keyof SettingsDraft) => settings.locked.includes(key);
  const errorOf = (key: keyof SettingsDraft) =>
    invalid.includes(key) ? t(URL_KEYS.includes(key) ? m.errorUrl : m.errorInvalid) : undefined;
  const bound: Bound = { draft, edit, lock, lockedNote: t(m.locked), errorOf };
  return (
    <details className="panel settings">
      <summary>
        <h2>
          <FormattedMessage id="settings.heading" defaultMessage="Settings" />
        </h2>
      </summary>
      <form ref={form} noValidate onSubmit={(e) => void save(e)}>
        <TextSetting bound={bound} name="agentName" label={t(m.agentName)} maxLength={100} />
        <ChoiceSetting
          bound={bound}
          name="language"
          label={t(m.language)}
          options={languageOptions(intl, systemLocale)}
        />
        <CheckSetting
          bound={bound}
          name="notifyOnRequest"
          label={t(m.notifyOnRequest)}
          note={sidebar.host === 'web' ? t(m.notifyOnRequestWebNote) : t(m.notifyOnRequestNote)}
        />
        {sidebar.host === 'web' && <NotificationPermission wanted={draft.notifyOnRequest} />}
        <CheckSetting
          bound={bound}
          name="requestSound"
          label={t(m.requestSound)}
          note={t(m.requestSoundNote)}
        />
        <ChoiceSetting
          bound={bound}
          name="agentPageZoom"
          label={t(m.agentPageZoom)}
          note={t(m.agentPageZoomNote)}
          options={AgentPageZoom.options.map((z) => [
            z,
            intl.formatNumber(zoomFactorOf(z), { style: 'percent' }),
          ])}
        />
        <CheckSetting
          bound={bound}
          name="alwaysOnTop"
          label={t(m.alwaysOnTop)}
          note={sidebar.host === 'web' ? t(m.desktopOnly) : undefined}
        />
        <details className="advanced">
          <summary>
            <FormattedMessage
              id="settings.advanced"
              defaultMessage="Advanced"
              description="Fold holding the connection and integration settings"
            />
          </summary>
          <TextSetting
            bound={bound}
            name="serviceUrl"
            label={t(m.serviceUrl)}
            type="url"
            placeholder="https://cobrowse.example.com"
            note={t(m.serviceUrlNote)}
          />
          <TextSetting bound={bound} name="origin" label={t(m.origin)} type="url" note={t(m.originNote)} />
          <ChoiceSetting
            bound={bound}
            name="stickiness"
            label={t(m.stickiness)}
            options={[
              ['cookie', t(m.stickinessCookie)],
              ['url', t(m.stickinessUrl)],
            ]}
          />
          <ChoiceSetting
            bound={bound}
            name="transport"
            label={t(m.transport)}
            options={[
              ['long-polling', t(m.longPolling)],
              ['websocket', t(m.websocket)],
            ]}
          />
          <ChoiceSetting
            bound={bound}
            name="source"
            label={t(m.source)}
            options={[
              ['local-api', t(m.sourceLocalApi)],
              ['workspace', t(m.sourceWorkspace)],
            ]}
          />
          {draft.source === 'workspace' && (
            <>
              <TextSetting
                bound={bound}
                name="workspaceUrl"
                label={t(m.workspaceUrl)}
                type="url"
                placeholder="https://gapi-use1.genesyscloud.com"
              />
              <TextSetting bound={bound} name="workspaceClientId" label={t(m.workspaceClientId)} />
            </>
          )}
          <CheckSetting bound={bound} name="debug" label={t(m.debug)} note={t(m.debugNote)} />
        </details>
        <div className="row">
          <button type="submit" className="primary" disabled={saving || !isDirty(settings, draft)}>
            <FormattedMessage id="settings.save" defaultMessage="Save settings" />
          </button>
          <span className="muted" aria-live="polite">
            {saved ? t(m.saved) : ''}
          </span>
        </div>
        {error && <ErrorBox error={error} onDismiss={() => sidebar.clearError('updateSettings')} />}
      </form>
    </details>
  );
}

const m = defineMessages({
  locked: { id: 'settings.locked', defaultMessage: 'Locked by your administrator.' },
  serviceUrl: {
    id: 'settings.serviceUrl',
    defaultMessage: 'Service URL',
    description: 'The Genesys Co-browse server the app talks to',
  },
  serviceUrlNote: { id: 'settings.serviceUrlNote', defaultMessage: 'Empty: the embedded demo server.' },
  origin: { id: 'settings.origin', defaultMessage: 'Origin', description: 'The HTTP Origin header sent' },
  originNote: { id: 'settings.originNote', defaultMessage: "Sent to the server's CORS allow-list." },
  stickiness: {
    id: 'settings.stickiness',
    defaultMessage: 'Stickiness',
    description: 'How requests reach the server node that holds the session (load balancing)',
  },
  stickinessCookie: { id: 'settings.stickinessCookie', defaultMessage: 'Cookie (load balancer)' },
  stickinessUrl: {
    id: 'settings.stickinessUrl',
    defaultMessage: 'Node URL',
    description: "The session server node's own address",
  },
  transport: {
    id: 'settings.transport',
    defaultMessage: 'Transport',
    description: 'CometD network transport',
  },
  longPolling: { id: 'settings.longPolling', defaultMessage: 'Long polling' },
  websocket: { id: 'settings.websocket', defaultMessage: 'WebSocket' },
  agentName: {
    id: 'settings.agentName',
    defaultMessage: 'Agent display name',
    description: 'The name the customer sees for the agent',
  },
  source: {
    id: 'settings.source',
    defaultMessage: 'Interaction source',
    description: "Where the agent's chats and calls come from",
  },
  sourceLocalApi: { id: 'settings.sourceLocalApi', defaultMessage: 'Local integration API (softphone)' },
  sourceWorkspace: { id: 'settings.sourceWorkspace', defaultMessage: 'Genesys Workspace API' },
  workspaceUrl: { id: 'settings.workspaceUrl', defaultMessage: 'Workspace API URL' },
  workspaceClientId: {
    id: 'settings.workspaceClientId',
    defaultMessage: 'Workspace client ID',
    description: 'The OAuth client registered for this app',
  },
  language: { id: 'settings.language', defaultMessage: 'Language' },
  debug: { id: 'settings.debug', defaultMessage: 'Debug' },
  debugNote: { id: 'settings.debugNote', defaultMessage: 'Agent page with debug=1, detailed logs.' },
  alwaysOnTop: {
    id: 'settings.alwaysOnTop',
    defaultMessage: 'Always on top',
    description: 'Keep the sidebar window above other windows',
  },
  desktopOnly: { id: 'settings.desktopOnly', defaultMessage: 'Desktop app only.' },
  notifyOnRequest: {
    id: 'settings.notifyOnRequest',
    defaultMessage: 'Notify me of co-browse requests',
    description: 'A system notification when a chat asks to co-browse',
  },
  notifyOnRequestNote: {
    id: 'settings.notifyOnRequestNote',
    defaultMessage: 'When a chat asks to co-browse while the sidebar is hidden.',
  },
  agentPageZoom: {
    id: 'settings.agentPageZoom',
    defaultMessage: 'Agent page zoom',
    description: "How big the customer's page shows in the agent page",
  },
  agentPageZoomNote: {
    id: 'settings.agentPageZoomNote',
    defaultMessage: "Below 100% shows more of a customer's large window without scrolling.",
  },
  notifyOnRequestWebNote: {
    id: 'settings.notifyOnRequestWebNote',
    defaultMessage: 'When a chat asks to co-browse while this page is hidden or in the background.',
  },
  requestSound: { id: 'settings.requestSound', defaultMessage: 'Play a sound for co-browse requests' },
  requestSoundNote: {
    id: 'settings.requestSoundNote',
    defaultMessage: 'A short chime when a request waits for your answer.',
  },
  errorUrl: {
    id: 'settings.error.url',
    defaultMessage:
      'Enter the full address, starting with https:// (for example https://cobrowse.example.com), or leave it empty.',
  },
  errorInvalid: {
    id: 'settings.error.invalid',
    defaultMessage: 'This value cannot be used; correct it or put back the one before.',
  },
  saved: { id: 'settings.saved', defaultMessage: 'Settings saved.' },
});

const languageSystem = defineMessage<{ language: string }>({
  id: 'settings.languageSystem',
  defaultMessage: 'As the system ({language})',
  description: "Follow the computer's or browser's language; {language} names the one that applies now",
});

/** 'As the system', then each language in its own words (marked with its language for screen readers). */
function languageOptions(intl: IntlShape, systemLocale: string | null): Option<'language'>[] {
  const system = AUTONYMS[chooseLocale('system', systemLocale, navigator.languages)];
  return [
    ['system', intl.formatMessage(languageSystem, { language: system })],
    ...LOCALES.map((l): Option<'language'> => [l, AUTONYMS[l], l]),
  ];
}

/** What every setting field needs from the form. */
interface Bound {
  draft: SettingsDraft;
  /** The field's own error text while its value would be refused. */
  errorOf: (key: keyof SettingsDraft) => string | undefined;
  edit: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
  lock: (key: keyof SettingsDraft) => boolean;
  lockedNote: string;
}
const URL_KEYS: readonly (keyof SettingsDraft)[] = ['serviceUrl', 'origin', 'workspaceUrl'];
type CheckKey = 'debug' | 'alwaysOnTop' | 'notifyOnRequest' | 'requestSound';
type TextKey = 'serviceUrl' | 'origin' | 'agentName' | 'workspaceUrl' | 'workspaceClientId';
type ChoiceKey = 'stickiness' | 'transport' | 'source' | 'language' | 'agentPageZoom';
/** Value, words, and the words' language when it is not the page's. */
type Option<K extends ChoiceKey> = [SettingsDraft[K], string, string?];

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

function ChoiceSetting<K extends ChoiceKey>(props: {
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

function CheckSetting({
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
