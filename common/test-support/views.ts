// Builders of the views and state main sends the sidebar, for every floor's tests: a plain, valid default
// (an active chat, a connecting session, an idle demo app) with only what a test is about overridden.
import { SettingsView, type AppState, type CobrowseSessionView, type InteractionView } from '../contract';
import { connectingSession } from '../contract-helpers';
import { defaultSettings } from '../settings-schema';

export function interactionView(overrides: Partial<InteractionView> = {}): InteractionView {
  return {
    id: 'c1',
    media: 'chat',
    customerName: 'Ann',
    state: 'active',
    cobrowseQuantity: 0,
    attachedData: {},
    cobrowseRequest: null,
    pendingWrites: 0,
    timeline: [],
    ...overrides,
  };
}

export function sessionView(overrides: Partial<CobrowseSessionView> = {}): CobrowseSessionView {
  return { ...connectingSession('s1', '123456789', null), ...overrides };
}

export function appState(overrides: Partial<AppState> = {}): AppState {
  return {
    mode: 'demo',
    service: { url: '', demoCustomerUrl: null },
    connection: { state: 'idle', detail: null },
    source: { kind: 'local-api', state: 'starting', detail: null },
    interactions: [],
    selectedInteractionId: null,
    sessions: [],
    agentView: null,
    settings: SettingsView.parse({ ...defaultSettings, locked: [] }),
    systemLocale: null,
    lastError: null,
    update: { state: 'disabled', version: null, percent: null, canRestart: false, detail: null },
    ...overrides,
  };
}
