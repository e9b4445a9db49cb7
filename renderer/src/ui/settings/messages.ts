// The settings form's words (the field labels and notes, the errors, the outcome of a save).
import { defineMessage, defineMessages } from 'react-intl';

export const m = defineMessages({
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

export const languageSystem = defineMessage<{ language: string }>({
  id: 'settings.languageSystem',
  defaultMessage: 'As the system ({language})',
  description: "Follow the computer's or browser's language; {language} names the one that applies now",
});
