// The status lights' words and colours, one pure mapping so every indicator means the same: `ok` (green)
// working, `neutral` (grey) nothing to do and nothing wrong, `wait` (amber) on its way, `act` (red) only when
// the agent must do something. The StatusBar renders these; the words are react-intl descriptors.
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { AppState, HostLink } from '../../../common/contract';

export type Tone = 'ok' | 'neutral' | 'wait' | 'act';
export interface Light {
  words: MessageDescriptor;
  tone: Tone;
}

const connection = defineMessages({
  idle: {
    id: 'status.connection.ready',
    defaultMessage: 'Co-browse server: ready — connects when a session starts',
    description: 'No co-browse session, so no connection is needed: nothing is wrong',
  },
  connecting: { id: 'status.connection.connecting', defaultMessage: 'Co-browse server: connecting…' },
  connected: { id: 'status.connection.connected', defaultMessage: 'Co-browse server: connected' },
  reconnecting: { id: 'status.connection.reconnecting', defaultMessage: 'Co-browse server: reconnecting…' },
  lost: { id: 'status.connection.lost', defaultMessage: 'Co-browse server: connection lost' },
});
const connectionTone: Record<AppState['connection']['state'], Tone> = {
  idle: 'neutral',
  connecting: 'wait',
  connected: 'ok',
  reconnecting: 'wait',
  lost: 'act',
};

const localApi = defineMessages({
  starting: { id: 'status.localApi.starting', defaultMessage: 'Softphone link: starting…' },
  up: {
    id: 'status.localApi.up',
    defaultMessage: 'Softphone link: connected',
    description: "The softphone or desktop app on the agent's computer is connected to the sidebar",
  },
  listening: {
    id: 'status.localApi.listening',
    defaultMessage: 'Softphone link: listening — no softphone connected',
    description: 'Working and waiting for the softphone to connect: not a fault',
  },
  down: {
    id: 'status.localApi.down',
    defaultMessage: 'Softphone link: not running — chats and calls cannot reach the sidebar',
  },
});
/** In demo mode the app on the local API is the demo's own chat desk, not a softphone. */
const demoDesk = defineMessages({
  up: {
    id: 'status.localApi.demoUp',
    defaultMessage: 'Demo chat desk: connected',
    description: "Demo mode: the demo customer page's chat desk is connected to the sidebar",
  },
});
const workspace = defineMessages({
  starting: { id: 'status.workspace.starting', defaultMessage: 'Genesys Workspace: connecting…' },
  up: { id: 'status.workspace.up', defaultMessage: 'Genesys Workspace: connected' },
  down: {
    id: 'status.workspace.down',
    defaultMessage: 'Genesys Workspace: not reachable — chats and calls cannot reach the sidebar',
  },
  signedOut: {
    id: 'status.workspace.signedOut',
    defaultMessage: 'Genesys Workspace: sign in to receive chats and calls',
  },
});
type SourceState = AppState['source']['state'];
// `listening` and `signed-out` are each one source's own; the other never reports it.
const sourceWords: Record<AppState['source']['kind'], Record<SourceState, MessageDescriptor>> = {
  'local-api': { ...localApi, 'signed-out': localApi.down },
  workspace: { ...workspace, listening: workspace.starting, 'signed-out': workspace.signedOut },
};
const sourceTone: Record<SourceState, Tone> = {
  starting: 'wait',
  up: 'ok',
  listening: 'neutral',
  down: 'act',
  'signed-out': 'act',
};

export const connectionLight = (c: AppState['connection']): Light => ({
  words: connection[c.state],
  tone: connectionTone[c.state],
});

export const sourceLight = (s: AppState['source'], mode: AppState['mode'] = 'live'): Light => ({
  words:
    mode === 'demo' && s.kind === 'local-api' && s.state === 'up'
      ? demoDesk.up
      : sourceWords[s.kind][s.state],
  tone: sourceTone[s.state],
});

const hostLink = defineMessages({
  down: {
    id: 'status.hostLink.down',
    defaultMessage: 'App disconnected: reconnecting… What follows is the last state it sent.',
    description: 'The web edition lost its connection to the app that runs it',
  },
  restarted: {
    id: 'status.hostLink.restarted',
    defaultMessage:
      'App disconnected: the app was restarted. Open the link it printed (it carries the new run’s key); this page then reconnects by itself.',
  },
});

/** The web edition's link to its app: reconnecting by itself is a wait; a new run needs the agent's click. */
export const hostLinkLight = (link: Exclude<HostLink, 'up'>): Light => ({
  words: hostLink[link],
  tone: link === 'down' ? 'wait' : 'act',
});
