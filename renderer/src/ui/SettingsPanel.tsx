// Settings: a draft the agent edits and saves in one go. The agent's own settings first, the plumbing
// (server, stickiness, transport, source, debug) under "Advanced". Each field is checked as typed against the
// same schema main uses, its error said under it (no browser bubble); Save with an error moves focus there.
// Locked keys (set by an administrator) are shown disabled with a note; main refuses connection changes
// during a session and the refusal shows here.
import { FormattedMessage, useIntl, type IntlShape, type MessageDescriptor } from 'react-intl';
import { chooseLocale, LOCALES } from '../../../common/locale';
import { zoomFactorOf } from '../../../common/contract-helpers';
import { AgentPageZoom } from '../../../common/settings-schema';
import { AUTONYMS } from '../i18n/locale';
import { ErrorBox } from './Alerts';
import { useSidebar, useSidebarState } from './context';
import { ConnectionCheck } from './settings/ConnectionCheck';
import {
  CheckSetting,
  ChoiceSetting,
  TextSetting,
  type Bound,
  type ChoiceKey,
  type Option,
} from './settings/fields';
import { languageSystem, m } from './settings/messages';
import { useSettingsForm } from './settings/useSettingsForm';
import { NotificationPermission } from './WebNotifications';

export function SettingsPanel() {
  const sidebar = useSidebar();
  const t = useIntl().formatMessage;
  const saving = useSidebarState((s) => s.pending.updateSettings === true);
  const error = useSidebarState((s) => s.errors.updateSettings);
  const { bound, form, save, saved, dirty } = useSettingsForm();
  return (
    <details className="panel settings">
      <summary>
        <h2>
          <FormattedMessage id="settings.heading" defaultMessage="Settings" />
        </h2>
      </summary>
      <form ref={form} noValidate onSubmit={(e) => void save(e)}>
        <AgentSettings bound={bound} />
        <AdvancedSettings bound={bound} />
        <div className="row">
          <button type="submit" className="primary" disabled={saving || !dirty}>
            <FormattedMessage id="settings.save" defaultMessage="Save settings" />
          </button>
          <span className="muted" aria-live="polite">
            {saved ? t(m.saved) : ''}
          </span>
        </div>
        {error && <ErrorBox error={error} onDismiss={() => sidebar.clearError('updateSettings')} />}
      </form>
      <ConnectionCheck />
    </details>
  );
}

/** The agent's own settings: name, language, notifications, sound, zoom, window. */
function AgentSettings({ bound }: { bound: Bound }) {
  const sidebar = useSidebar();
  const intl = useIntl();
  const t = intl.formatMessage;
  const systemLocale = useSidebarState((s) => s.app!.systemLocale);
  return (
    <>
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
      {sidebar.host === 'web' && <NotificationPermission wanted={bound.draft.notifyOnRequest} />}
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
    </>
  );
}

/** The plumbing's two-way choices: the setting, its label, each value with its words. */
const PLUMBING_CHOICES: {
  [K in 'stickiness' | 'transport' | 'source']: [MessageDescriptor, [SettingsChoice<K>, MessageDescriptor][]];
} = {
  stickiness: [
    m.stickiness,
    [
      ['cookie', m.stickinessCookie],
      ['url', m.stickinessUrl],
    ],
  ],
  transport: [
    m.transport,
    [
      ['long-polling', m.longPolling],
      ['websocket', m.websocket],
    ],
  ],
  source: [
    m.source,
    [
      ['local-api', m.sourceLocalApi],
      ['workspace', m.sourceWorkspace],
    ],
  ],
};
type SettingsChoice<K extends ChoiceKey> = Option<K>[0];

function PlumbingChoice({ bound, name }: { bound: Bound; name: keyof typeof PLUMBING_CHOICES }) {
  const t = useIntl().formatMessage;
  const [label, options] = PLUMBING_CHOICES[name];
  return (
    <ChoiceSetting
      bound={bound}
      name={name}
      label={t(label)}
      options={options.map(([value, words]) => [value, t(words)])}
    />
  );
}

/** The connection and integration settings, folded under "Advanced". */
function AdvancedSettings({ bound }: { bound: Bound }) {
  const t = useIntl().formatMessage;
  return (
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
      <PlumbingChoice bound={bound} name="stickiness" />
      <PlumbingChoice bound={bound} name="transport" />
      <PlumbingChoice bound={bound} name="source" />
      {bound.draft.source === 'workspace' && (
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
  );
}

/** 'As the system', then each language in its own words (marked with its language for screen readers). */
function languageOptions(intl: IntlShape, systemLocale: string | null): Option<'language'>[] {
  const system = AUTONYMS[chooseLocale('system', systemLocale, navigator.languages)];
  return [
    ['system', intl.formatMessage(languageSystem, { language: system })],
    ...LOCALES.map((l): Option<'language'> => [l, AUTONYMS[l], l]),
  ];
}
