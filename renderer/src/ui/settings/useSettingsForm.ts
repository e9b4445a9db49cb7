// The settings draft: follows main's settings until the agent edits, checked as typed against the schema main
// uses; Save sends only what changed, or moves focus to the first field in error.
import { useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import {
  draftOf,
  invalidFields,
  isDirty,
  settingsPatch,
  type SettingsDraft,
} from '../../logic/settings-form';
import { useSidebar, useSidebarState } from '../context';
import { askNotificationPermission } from '../WebNotifications';
import { URL_KEYS, type Bound } from './fields';
import { m } from './messages';

export function useSettingsForm() {
  const sidebar = useSidebar();
  const t = useIntl().formatMessage;
  const settings = useSidebarState((s) => s.app!.settings);
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
    if (invalid.length > 0) return focusFirstInvalid(form.current);
    const result = await sidebar.call('updateSettings', settingsPatch(settings, draft));
    if (result) {
      setDraft(draftOf({ ...result }));
      setSaved(true);
    }
  }

  const bound: Bound = {
    draft,
    edit,
    lock: (key) => settings.locked.includes(key),
    lockedNote: t(m.locked),
    errorOf: (key) =>
      invalid.includes(key) ? t(URL_KEYS.includes(key) ? m.errorUrl : m.errorInvalid) : undefined,
  };
  return { bound, form, save, saved, dirty: isDirty(settings, draft) };
}

/** The first field in error, its Advanced fold opened if it is there. */
function focusFirstInvalid(form: HTMLFormElement | null): void {
  const first = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  const fold = first?.closest('details');
  if (fold) fold.open = true;
  first?.focus();
}
