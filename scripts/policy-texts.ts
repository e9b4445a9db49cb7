// Every setting as administrators read it in the Group Policy editor (ADMX/ADML) and in docs/deployment.md:
// typed by SettingsKey, so a setting added to common/settings-schema.ts without its words here fails the
// type-check, and the templates (generated from this) cannot leave one out.
import type { SettingsKey } from '../common/settings-schema';

export const policyTexts: Record<SettingsKey, { title: string; explain: string }> = {
  serviceUrl: {
    title: 'Co-browse service URL',
    explain:
      'The Genesys Co-browse service base URL, e.g. https://cobrowse.example.com (without /cobrowse). Use the internal load balancer URL your Genesys team gives you. Empty: demo mode.',
  },
  origin: {
    title: 'Origin sent to the Co-browse server',
    explain:
      "The Origin the app sends with its REST calls; it must be on the server's allowed origins list. Empty: the service URL's own origin.",
  },
  stickiness: {
    title: 'Session stickiness',
    explain:
      'How requests reach the node that holds a session: cookie (gcbSessionServer) or url (serverUrl, for WWE-style deployments). Ask your Genesys team which one the load balancer uses.',
  },
  transport: {
    title: 'Co-browse transport',
    explain: 'long-polling (works through every proxy) or websocket.',
  },
  agentName: { title: 'Agent name', explain: 'The name shown to the customer for the agent.' },
  debug: { title: 'Debug logging', explain: 'Enabled: the log files carry protocol detail for support.' },
  alwaysOnTop: { title: 'Sidebar always on top', explain: 'Enabled: the sidebar window stays above others.' },
  extraCaFile: {
    title: 'Extra CA certificates file',
    explain:
      "Path of a PEM file with your private CA certificates, added to the system's for the app's own connections.",
  },
  source: {
    title: 'Interaction source',
    explain:
      'Where chats and calls come from: local-api (the local integration API) or workspace (the Genesys Workspace API).',
  },
  localApiPort: {
    title: 'Local integration API port',
    explain: 'The loopback port of the local integration API (default 17321); 0: any free port.',
  },
  workspaceUrl: { title: 'Workspace API URL', explain: 'The Genesys Workspace API base URL.' },
  workspaceClientId: {
    title: 'Workspace client ID',
    explain: 'The OAuth client ID registered for this app with the Genesys Authentication service.',
  },
  workspaceApiKey: {
    title: 'Workspace API key',
    explain:
      'The API gateway key (x-api-key) of your Workspace deployment. A secret: it is never logged and is redacted in diagnostics; prefer the machine policy so users cannot read it from their own hive.',
  },
  workspaceRedirectPort: {
    title: 'Workspace sign-in redirect port',
    explain: 'The port of the registered redirect URI http://127.0.0.1:<port>/callback; 0: any free port.',
  },
  workspaceDn: {
    title: 'Workspace DN',
    explain: "The agent's DN for activating channels; empty: use the place.",
  },
  workspacePlace: {
    title: 'Workspace place',
    explain: "The agent's place for activating channels; empty: the agent's default place.",
  },
  maxConcurrentSessions: {
    title: 'Co-browse sessions at once',
    explain:
      'Live co-browse sessions per agent (1 to 10). Genesys allows one since 8.5.003; raise it only where your server does.',
  },
  notifyOnRequest: {
    title: 'Notify on co-browse requests',
    explain: 'Enabled: a system notification when a chat asks to co-browse while the sidebar is hidden.',
  },
  requestSound: {
    title: 'Chime on co-browse requests',
    explain: 'Enabled: a short chime when a co-browse request waits for the agent.',
  },
  agentPageZoom: { title: 'Agent page zoom', explain: 'How big the agent page shows, in percent.' },
  language: {
    title: 'Language',
    explain: "The app's language; system follows the operating system's.",
  },
  autoUpdate: {
    title: 'Automatic updates',
    explain:
      'Enabled (the default): the app checks its update feed, downloads in the background and installs when it quits. Disabled: it never checks; you deploy each version yourself.',
  },
  updateUrl: {
    title: 'Update feed URL',
    explain:
      'The update feed (a plain web server with the files of an electron-builder "generic" release, e.g. an internal mirror). Empty: the feed built into the app.',
  },
  updateChannel: {
    title: 'Update channel',
    explain: "latest (stable releases) or beta (the feed's beta.yml).",
  },
};
