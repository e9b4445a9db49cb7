// Main's codes in the agent's words: one descriptor per code of the contract (common/contract.ts), each table
// typed `Record<Code, …>` so a code added there without words here fails the type-check. The contract's
// parameters become ICU arguments: session IDs grouped as agents read them
// (and, like hosts and times, isolated in right-to-left languages: ./isolate.ts), times in the agent's clock, and
// for a nullable parameter `p` a `hasP` (yes/no) to select on.
import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import {
  groupDigits,
  type AppError,
  type AppErrorCode,
  type ConnectionDetail,
  type DeepLinkRefusal,
  type HistoryEntry,
  type JoinPhase,
  type SessionEnd,
  type SourceDetail,
  type TimelineNote,
  type UpdateDetail,
} from '../../../common/contract';
import { ltrRun, ownRun } from './isolate';

type Words<C extends string> = Record<C, MessageDescriptor>;

export const errorMessages: Words<AppErrorCode> = defineMessages({
  'invalid-token': {
    id: 'error.invalid-token',
    defaultMessage: '{id} is not a co-browse session ID: a session ID is exactly 9 digits.',
  },
  'session-not-found': {
    id: 'error.session-not-found',
    defaultMessage: 'No live co-browse session has the ID {id}: it has ended, or the ID was mistyped.',
  },
  'session-ended': { id: 'error.session-ended', defaultMessage: 'Co-browse session {id} has already ended.' },
  'join-refused': {
    id: 'error.join-refused',
    defaultMessage: 'The Co-browse Server refused to join session {id}.',
  },
  'origin-not-allowed': {
    id: 'error.origin-not-allowed',
    defaultMessage:
      "The Co-browse Server does not allow this app's Origin{hasOrigin, select, yes { ({origin})} other {}}.",
  },
  unreachable: { id: 'error.unreachable', defaultMessage: 'The Co-browse Server cannot be reached.' },
  timeout: { id: 'error.timeout', defaultMessage: 'The Co-browse Server did not answer in time.' },
  'not-owner': { id: 'error.not-owner', defaultMessage: 'The request reached the wrong co-browse node.' },
  'node-lost': {
    id: 'error.node-lost',
    defaultMessage: 'The co-browse node hosting this session went away.',
  },
  protocol: { id: 'error.protocol', defaultMessage: 'The Co-browse Server sent an unexpected reply.' },
  closed: { id: 'error.closed', defaultMessage: 'The join was cancelled.' },
  'unknown-interaction': {
    id: 'error.unknown-interaction',
    defaultMessage: 'That interaction is not known.',
  },
  'interaction-ended': {
    id: 'error.interaction-ended',
    defaultMessage: 'That interaction has ended; co-browse cannot be attached to it.',
  },
  'session-live': {
    id: 'error.session-live',
    defaultMessage:
      'You are already in co-browse session {token}{hasCustomer, select, yes { with {customer}{hasMedia, select, yes { ({media, select, chat {chat} other {call}})} other {}}} other {}}{hasSince, select, yes { since {since}} other {}}: one co-browse session at a time.',
  },
  'settings-during-session': {
    id: 'error.settings-during-session',
    defaultMessage: 'Connection and source settings cannot change during a co-browse session.',
  },
  'sign-out-during-session': {
    id: 'error.sign-out-during-session',
    defaultMessage: 'You cannot sign out during a co-browse session.',
  },
  'set-on-command-line': {
    id: 'error.set-on-command-line',
    defaultMessage: '{flag} on the command line sets this for the current run, so it cannot change here.',
  },
  'settings-invalid': {
    id: 'error.settings-invalid',
    defaultMessage: 'These settings cannot be saved: {problem}',
  },
  'settings-problem': {
    id: 'error.settings-problem',
    defaultMessage: 'Some settings could not be used: {problem}',
  },
  'workspace-not-set-up': {
    id: 'error.workspace-not-set-up',
    defaultMessage: 'The Workspace API is not set up yet.',
  },
  'not-workspace': {
    id: 'error.not-workspace',
    defaultMessage: 'The interaction source is not the Workspace API.',
  },
  'sign-in-failed': {
    id: 'error.sign-in-failed',
    defaultMessage: 'Signing in to Genesys did not complete ({problem}).',
  },
  'no-request': {
    id: 'error.no-request',
    defaultMessage: 'That co-browse request is no longer waiting (the chat ended or it was answered).',
  },
  'update-not-downloaded': {
    id: 'error.update-not-downloaded',
    defaultMessage: 'No update has been downloaded yet.',
  },
  'update-after-session': {
    id: 'error.update-after-session',
    defaultMessage: 'The update will be offered again when the co-browse session has ended.',
  },
  'update-none-waiting': { id: 'error.update-none-waiting', defaultMessage: 'No update is waiting.' },
  'unknown-session': { id: 'error.unknown-session', defaultMessage: 'That co-browse session is not known.' },
  'unknown-request': {
    id: 'error.unknown-request',
    defaultMessage: '“{name}” is not a request of this app.',
  },
  'invalid-request': {
    id: 'error.invalid-request',
    defaultMessage: 'The sidebar sent a “{name}” request this app cannot read.',
  },
  'source-unavailable': {
    id: 'error.source-unavailable',
    defaultMessage: 'The interaction source could not start ({problem}).',
  },
  'local-api-unavailable': {
    id: 'error.local-api-unavailable',
    defaultMessage:
      'The softphone link could not listen on this computer ({problem}): chats and calls cannot reach the sidebar.',
  },
  'too-many-requests': {
    id: 'error.too-many-requests',
    defaultMessage:
      'The sidebar sent more than {perSecond, number} requests a second; this one was not handled.',
  },
  'deep-link-refused': {
    id: 'error.deep-link-refused',
    defaultMessage: 'The join link was refused: {reason}',
  },
  forbidden: { id: 'error.forbidden', defaultMessage: 'This page may not talk to Cobrowse Agent Shell.' },
  'host-unreachable': {
    id: 'error.host-unreachable',
    defaultMessage: 'The connection to the Cobrowse Agent Shell host was lost.',
  },
  'link-needed': {
    id: 'error.link-needed',
    defaultMessage: 'This page has no key of the running app, so it cannot reach it.',
  },
  'save-unsupported': { id: 'error.save-unsupported', defaultMessage: 'This app cannot save files.' },
  'save-denied': { id: 'error.save-denied', defaultMessage: 'You are not allowed to write in {folder}.' },
  'save-read-only': { id: 'error.save-read-only', defaultMessage: '{folder} is read-only.' },
  'save-disk-full': { id: 'error.save-disk-full', defaultMessage: 'The disk holding {folder} is full.' },
  'save-is-folder': { id: 'error.save-is-folder', defaultMessage: '{path} is a folder.' },
  'save-not-folder': { id: 'error.save-not-folder', defaultMessage: '{folder} is not a folder.' },
  'save-failed': {
    id: 'error.save-failed',
    defaultMessage: 'The diagnostics could not be saved to {path} ({problem}).',
  },
  'proxy-auth-required': {
    id: 'error.proxy-auth-required',
    defaultMessage: 'The proxy {proxy} asks for credentials the app does not have, or refused them.',
  },
  'proxy-refused': {
    id: 'error.proxy-refused',
    defaultMessage: 'The proxy {proxy} refused the connection to the Co-browse service (HTTP {status}).',
  },
  'proxy-unreachable': {
    id: 'error.proxy-unreachable',
    defaultMessage: 'The proxy {proxy} cannot be reached ({cause}).',
  },
  'certificate-untrusted': {
    id: 'error.certificate-untrusted',
    defaultMessage: '{host} presented a certificate issued by {issuer}, which this computer does not trust.',
  },
  'certificate-expired': {
    id: 'error.certificate-expired',
    defaultMessage: 'The certificate of {host} (issued by {issuer}) has expired or is not valid yet.',
  },
  'certificate-wrong-name': {
    id: 'error.certificate-wrong-name',
    defaultMessage: 'The certificate of {host} (issued by {issuer}) is made out to another name.',
  },
  'plain-http-refused': {
    id: 'error.plain-http-refused',
    defaultMessage: 'Plain http to {host} is not allowed: session IDs and keys would travel unencrypted.',
  },
  internal: { id: 'error.internal', defaultMessage: 'Something went wrong in the app.' },
  'view-recovered': {
    id: 'error.view-recovered',
    defaultMessage:
      '{view, select, sidebar {The sidebar} other {The agent page}} stopped working ({reason, select, oom {out of memory} killed {it was not responding} other {it crashed}}){outcome, select, reloaded {: it was reloaded.} other {, again and again: it was not reloaded.}}',
  },
});

const act = defineMessages({
  proxyCredentials: {
    id: 'error.action.proxyCredentials',
    defaultMessage:
      'Ask your IT team which proxy account this app should use (in HTTPS_PROXY as user:password@, or in the proxy setting).',
  },
  proxyTeam: {
    id: 'error.action.proxyTeam',
    defaultMessage:
      'Ask your IT team (the proxy team) to let this app reach the Co-browse service through the proxy.',
  },
  proxyNetwork: {
    id: 'error.action.proxyNetwork',
    defaultMessage:
      'Check the network or VPN connection; if it lasts, ask your IT team whether the proxy address is right.',
  },
  pki: {
    id: 'error.action.pki',
    defaultMessage:
      "Ask your IT team (PKI) to install the root certificate of {issuer} in the computer's certificate store.",
  },
  renewCertificate: {
    id: 'error.action.renewCertificate',
    defaultMessage:
      "Check the computer's date and time; if they are right, ask the Genesys team to renew the server's certificate.",
  },
  certificateName: {
    id: 'error.action.certificateName',
    defaultMessage:
      'Check the service address in the settings; if it is right, ask the Genesys team for a certificate for {host}.',
  },
  useHttps: {
    id: 'error.action.useHttps',
    defaultMessage:
      'Use the https address of the service; only an administrator can allow plain http (allowPlainHttp, managed settings).',
  },
  saveOwnFolder: {
    id: 'error.action.saveOwnFolder',
    defaultMessage:
      'Save again and choose a folder of your own (Downloads or Documents), or use Copy diagnostics and paste them into your message to support.',
  },
  saveElsewhere: {
    id: 'error.action.saveElsewhere',
    defaultMessage:
      'Save again and choose another folder, or use Copy diagnostics and paste them into your message to support.',
  },
  freeSpace: {
    id: 'error.action.freeSpace',
    defaultMessage:
      'Free some space or save to another disk, or use Copy diagnostics and paste them into your message to support.',
  },
  otherName: {
    id: 'error.action.otherName',
    defaultMessage:
      'Save again with another file name, or use Copy diagnostics and paste them into your message to support.',
  },
  copyInstead: {
    id: 'error.action.copyInstead',
    defaultMessage: 'Use Copy diagnostics and paste them into your message to support.',
  },
  checkDigits: { id: 'error.action.checkDigits', defaultMessage: 'Check the digits with the customer.' },
  checkOrNew: {
    id: 'error.action.checkOrNew',
    defaultMessage: 'Check the digits with the customer; if they match, ask them to start a new session.',
  },
  askNew: { id: 'error.action.askNew', defaultMessage: 'Ask the customer to start a new one.' },
  retryOrNewId: {
    id: 'error.action.retryOrNewId',
    defaultMessage: 'Try again or ask the customer for a new ID.',
  },
  origin: {
    id: 'error.action.origin',
    defaultMessage:
      "Ask an administrator to add {hasOrigin, select, yes {{origin}} other {it}} to the server's allowed origins, or set Origin in Settings to one it allows.",
  },
  network: { id: 'error.action.network', defaultMessage: 'Check the network and the service URL.' },
  retry: { id: 'error.action.retry', defaultMessage: 'Try again.' },
  stickiness: { id: 'error.action.stickiness', defaultMessage: 'Check the stickiness setting.' },
  startAgain: { id: 'error.action.startAgain', defaultMessage: 'Ask the customer to start again.' },
  report: { id: 'error.action.report', defaultMessage: 'Try again; report it if it persists.' },
  pick: { id: 'error.action.pick', defaultMessage: 'Pick an interaction from the list.' },
  pickActive: { id: 'error.action.pickActive', defaultMessage: 'Pick an active one.' },
  endOrFinish: { id: 'error.action.endOrFinish', defaultMessage: 'End it and join, or finish it first.' },
  endThenSave: {
    id: 'error.action.endThenSave',
    defaultMessage: 'End the session (Exit or Stop), then save again.',
  },
  endThenSignOut: {
    id: 'error.action.endThenSignOut',
    defaultMessage: 'End the session (Exit or Stop), then sign out.',
  },
  withoutFlag: {
    id: 'error.action.withoutFlag',
    defaultMessage: 'Start the app without that flag to use the setting saved here.',
  },
  fixValue: { id: 'error.action.fixValue', defaultMessage: 'Correct the value and save again.' },
  defaults: {
    id: 'error.action.defaults',
    defaultMessage:
      'The app runs with safe defaults for those; fix the settings file or ask your administrator.',
  },
  setUpWorkspace: {
    id: 'error.action.setUpWorkspace',
    defaultMessage: 'Choose the Workspace API and set its URL and client id in Settings.',
  },
  signInAgain: {
    id: 'error.action.signInAgain',
    defaultMessage: 'Try Sign in again; ask your administrator if it keeps failing.',
  },
  reload: {
    id: 'error.action.reload',
    defaultMessage:
      'Reload the sidebar page; if it keeps happening, use Copy diagnostics and contact support.',
  },
  typedStillWork: {
    id: 'error.action.typedStillWork',
    defaultMessage:
      'Typed session IDs still work. Restart the app; if it keeps happening, use Copy diagnostics and contact support.',
  },
  wait: {
    id: 'error.action.wait',
    defaultMessage: 'Wait a moment and try again; if it keeps happening, reload the sidebar page.',
  },
  typeIt: {
    id: 'error.action.typeIt',
    defaultMessage: 'Ask the customer for the 9-digit session number and type it in the sidebar.',
  },
  openPrintedLink: {
    id: 'error.action.openPrintedLink',
    defaultMessage: 'Open the newest link the app printed: each link works once.',
  },
  appRunning: {
    id: 'error.action.appRunning',
    defaultMessage: 'Check that the app is still running; the sidebar reconnects by itself.',
  },
  support: {
    id: 'error.action.support',
    defaultMessage: 'Try again; if it persists, use Copy diagnostics and contact support.',
  },
});

/** What to do about each error; null where the message says it all. */
const errorActions: Record<AppErrorCode, MessageDescriptor | null> = {
  'invalid-token': act.checkDigits,
  'session-not-found': act.checkOrNew,
  'session-ended': act.askNew,
  'join-refused': act.retryOrNewId,
  'origin-not-allowed': act.origin,
  unreachable: act.network,
  timeout: act.retry,
  'not-owner': act.stickiness,
  'node-lost': act.startAgain,
  protocol: act.report,
  closed: null,
  'unknown-interaction': act.pick,
  'interaction-ended': act.pickActive,
  'session-live': act.endOrFinish,
  'settings-during-session': act.endThenSave,
  'sign-out-during-session': act.endThenSignOut,
  'set-on-command-line': act.withoutFlag,
  'settings-invalid': act.fixValue,
  'settings-problem': act.defaults,
  'workspace-not-set-up': act.setUpWorkspace,
  'not-workspace': act.setUpWorkspace,
  'sign-in-failed': act.signInAgain,
  'no-request': null,
  'update-not-downloaded': null,
  'update-after-session': null,
  'update-none-waiting': null,
  'unknown-session': null,
  'unknown-request': act.reload,
  'invalid-request': act.reload,
  'source-unavailable': act.typedStillWork,
  'local-api-unavailable': act.typedStillWork,
  'too-many-requests': act.wait,
  'deep-link-refused': act.typeIt,
  forbidden: null,
  'host-unreachable': act.appRunning,
  'link-needed': act.openPrintedLink,
  'save-unsupported': act.copyInstead,
  'save-denied': act.saveOwnFolder,
  'save-read-only': act.saveElsewhere,
  'save-disk-full': act.freeSpace,
  'save-is-folder': act.otherName,
  'save-not-folder': act.saveElsewhere,
  'save-failed': act.saveElsewhere,
  'proxy-auth-required': act.proxyCredentials,
  'proxy-refused': act.proxyTeam,
  'proxy-unreachable': act.proxyNetwork,
  'certificate-untrusted': act.pki,
  'certificate-expired': act.renewCertificate,
  'certificate-wrong-name': act.certificateName,
  'plain-http-refused': act.useHttps,
  internal: act.support,
  'view-recovered': act.support,
};

/** Why a join link was refused: the `reason` of `deep-link-refused`. */
const deepLinkMessages: Words<DeepLinkRefusal> = defineMessages({
  'too-long': { id: 'deepLink.too-long', defaultMessage: 'the link is too long.' },
  'wrong-scheme': {
    id: 'deepLink.wrong-scheme',
    defaultMessage: 'the link does not start with cobrowse-agent://.',
  },
  'not-a-url': { id: 'deepLink.not-a-url', defaultMessage: 'the link is not a valid URL.' },
  'credentials-or-port': {
    id: 'deepLink.credentials-or-port',
    defaultMessage: 'the link must not carry a user, password or port.',
  },
  'unknown-action': {
    id: 'deepLink.unknown-action',
    defaultMessage: 'unknown link action “{name}”: only “join” is supported.',
  },
  'unexpected-path': {
    id: 'deepLink.unexpected-path',
    defaultMessage: 'the link has an unexpected path after “join”.',
  },
  fragment: { id: 'deepLink.fragment', defaultMessage: 'the link must not carry a #fragment.' },
  'empty-parameter': {
    id: 'deepLink.empty-parameter',
    defaultMessage: 'the link has an empty parameter (a stray “&”).',
  },
  'unexpected-parameter': {
    id: 'deepLink.unexpected-parameter',
    defaultMessage: 'the link has an unexpected parameter “{name}”: only “sid” is allowed.',
  },
  'no-sid': { id: 'deepLink.no-sid', defaultMessage: 'the link has no sid (the 9-digit session number).' },
  'several-sids': { id: 'deepLink.several-sids', defaultMessage: 'the link has more than one sid.' },
  'sid-not-9-digits': {
    id: 'deepLink.sid-not-9-digits',
    defaultMessage: 'the sid in the link must be exactly 9 digits.',
  },
});

export const endReasonMessages: Words<SessionEnd> = defineMessages({
  'customer-exit': {
    id: 'endReason.customer-exit',
    defaultMessage: 'The customer ended co-browse from the web page.',
  },
  'customer-left': {
    id: 'endReason.customer-left',
    defaultMessage: "The customer's page closed or lost its connection; co-browse ended.",
  },
  'agent-exit': {
    id: 'endReason.agent-exit',
    defaultMessage: 'The agent left co-browse from the agent page.',
  },
  'controller-stop': { id: 'endReason.controller-stop', defaultMessage: 'Co-browse was stopped.' },
  'inactivity-timeout': {
    id: 'endReason.inactivity-timeout',
    defaultMessage: 'The Co-browse Server ended the session after inactivity.',
  },
  'node-lost': {
    id: 'endReason.node-lost',
    defaultMessage: 'The co-browse server node hosting this session went away; co-browse ended.',
  },
  unknown: { id: 'endReason.unknown', defaultMessage: 'The co-browse session ended.' },
  'agent-stop': { id: 'endReason.agent-stop', defaultMessage: 'The agent stopped co-browse.' },
  'agent-left': { id: 'endReason.agent-left', defaultMessage: 'The agent left co-browse.' },
  replaced: {
    id: 'endReason.replaced',
    defaultMessage: 'The agent ended this co-browse session to join another one.',
  },
  transferred: {
    id: 'endReason.transferred',
    defaultMessage:
      'The interaction was transferred: co-browse was stopped first (sessions do not follow a transfer).',
  },
  'timed-out': {
    id: 'endReason.timed-out',
    defaultMessage: "The interaction's handling timeout expired: co-browse was stopped.",
  },
  closed: {
    id: 'endReason.closed',
    defaultMessage: 'The interaction was closed: co-browse was stopped and the agent view closed.',
  },
  'call-ended-or-transferred': {
    id: 'endReason.call-ended-or-transferred',
    defaultMessage: 'The call ended or was transferred: co-browse was stopped and the agent view closed.',
  },
  'chat-ended-or-transferred': {
    id: 'endReason.chat-ended-or-transferred',
    defaultMessage: 'The chat ended or was transferred: co-browse was stopped and the agent view closed.',
  },
});

const timelineMessages: Words<TimelineNote['code']> = defineMessages({
  'chat-started': { id: 'timeline.chat-started', defaultMessage: 'Chat started' },
  'call-started': { id: 'timeline.call-started', defaultMessage: 'Call started' },
  'chat-line': {
    id: 'timeline.chat-line',
    defaultMessage: '{from, select, customer {Customer} agent {Agent} other {System}}: {text}',
  },
  'cobrowse-requested': { id: 'timeline.cobrowse-requested', defaultMessage: 'Co-browse requested' },
  'request-waiting': {
    id: 'timeline.request-waiting',
    defaultMessage: 'Co-browse request waiting (session {session}): another session is live',
  },
  'request-declined': {
    id: 'timeline.request-declined',
    defaultMessage: 'Co-browse request declined (session {session})',
  },
  'request-expired': {
    id: 'timeline.request-expired',
    defaultMessage: 'Co-browse request expired: the interaction ended',
  },
  'cobrowse-joined': {
    id: 'timeline.cobrowse-joined',
    defaultMessage: 'Co-browse joined (session {session})',
  },
  'cobrowse-active': { id: 'timeline.cobrowse-active', defaultMessage: 'Co-browse active' },
  'cobrowse-ended': { id: 'timeline.cobrowse-ended', defaultMessage: 'Co-browse ended: {reason}' },
  'cobrowse-failed': {
    id: 'timeline.cobrowse-failed',
    defaultMessage: 'Co-browse failed (session {session}): {error}',
  },
  'interaction-transferred': {
    id: 'timeline.interaction-transferred',
    defaultMessage: 'Interaction transferred{hasTo, select, yes { to {to}} other {}}',
  },
  'interaction-timed-out': { id: 'timeline.interaction-timed-out', defaultMessage: 'Interaction timed out' },
  'interaction-closed': { id: 'timeline.interaction-closed', defaultMessage: 'Interaction closed' },
  'attached-data-not-written': {
    id: 'timeline.attached-data-not-written',
    defaultMessage: 'Attached data not written ({keys}): {problem}',
  },
});

export const connectionMessages: Words<ConnectionDetail['code']> = defineMessages({
  'service-reachable': { id: 'connection.service-reachable', defaultMessage: 'Co-browse service reachable' },
  'service-unreachable': {
    id: 'connection.service-unreachable',
    defaultMessage: 'Co-browse service unreachable: {host} ({cause})',
  },
  'service-silent': {
    id: 'connection.service-silent',
    defaultMessage: 'Co-browse service {host} does not answer',
  },
  'service-http-status': {
    id: 'connection.service-http-status',
    defaultMessage: 'Co-browse service {host} answered HTTP {status}',
  },
  'ca-file-unusable': {
    id: 'connection.ca-file-unusable',
    defaultMessage: 'The extra CA file {file} cannot be used: {problem}',
  },
  'node-connection-failed': {
    id: 'connection.node-connection-failed',
    defaultMessage: 'The connection to {node} failed',
  },
  'node-forgot': { id: 'connection.node-forgot', defaultMessage: '{node} no longer knows this connection' },
  'node-silent': { id: 'connection.node-silent', defaultMessage: '{node} does not answer' },
  'proxy-auth-required': {
    id: 'connection.proxy-auth-required',
    defaultMessage: 'Proxy {proxy} wants credentials',
  },
  'proxy-refused': {
    id: 'connection.proxy-refused',
    defaultMessage: 'Proxy {proxy} refused the service (HTTP {status})',
  },
  'proxy-unreachable': {
    id: 'connection.proxy-unreachable',
    defaultMessage: 'Proxy {proxy} unreachable ({cause})',
  },
  'certificate-untrusted': {
    id: 'connection.certificate-untrusted',
    defaultMessage: '{host}: certificate from {issuer} not trusted',
  },
  'certificate-expired': {
    id: 'connection.certificate-expired',
    defaultMessage: '{host}: certificate expired (issued by {issuer})',
  },
  'certificate-wrong-name': {
    id: 'connection.certificate-wrong-name',
    defaultMessage: '{host}: certificate made out to another name',
  },
  'plain-http-refused': {
    id: 'connection.plain-http-refused',
    defaultMessage: 'Plain http to {host} is not allowed',
  },
});

export const sourceMessages: Words<SourceDetail['code']> = defineMessages({
  'apps-connected': {
    id: 'source.apps-connected',
    defaultMessage: '{count, plural, one {# desktop app connected} other {# desktop apps connected}}',
  },
  listening: { id: 'source.listening', defaultMessage: 'listening on {address}; no desktop app connected' },
  'local-api-unavailable': {
    id: 'source.local-api-unavailable',
    defaultMessage: 'cannot listen on this computer ({problem})',
  },
  'workspace-not-set-up': {
    id: 'source.workspace-not-set-up',
    defaultMessage: 'Set the Workspace API URL and client id in Settings to see your chats and calls.',
  },
  connecting: { id: 'source.connecting', defaultMessage: 'connecting to {host}' },
  'signed-in': {
    id: 'source.signed-in',
    defaultMessage: '{hasUser, select, yes {signed in as {user} at {host}} other {signed in at {host}}}',
  },
  'notifications-up': { id: 'source.notifications-up', defaultMessage: 'notifications from {host}' },
  'notifications-lost': {
    id: 'source.notifications-lost',
    defaultMessage: 'notification channel to {host} lost ({problem}); reconnecting',
  },
  'sign-in-needed': {
    id: 'source.sign-in-needed',
    defaultMessage: 'Sign in to Genesys to see your chats and calls.',
  },
  'sign-in-expired': {
    id: 'source.sign-in-expired',
    defaultMessage: 'Your Genesys sign-in has expired; sign in again to see your chats and calls.',
  },
  'sign-in-refused': {
    id: 'source.sign-in-refused',
    defaultMessage:
      'Your Genesys sign-in has expired; sign in again to see your chats and calls. If this repeats, {host} may need an API key: set workspaceApiKey in the settings.',
  },
  'sign-in-failed': {
    id: 'source.sign-in-failed',
    defaultMessage: 'Signing in to {host} failed: {problem}.',
  },
  'workspace-unusable': {
    id: 'source.workspace-unusable',
    defaultMessage: 'the Workspace API at {host} is not usable: {problem} (retrying)',
  },
});

export const updateMessages: Words<UpdateDetail['code']> = defineMessages({
  'wait-for-session': {
    id: 'update.wait-for-session',
    defaultMessage: 'The update will be offered again when the co-browse session has ended.',
  },
  'fetch-failed': { id: 'update.fetch-failed', defaultMessage: 'The update could not be fetched: {problem}' },
  'managed-by-administrator': {
    id: 'update.managed-by-administrator',
    defaultMessage: 'Updates are managed by your administrator.',
  },
});

/** The sentence the join progress reads out, per phase (and for no session). */
export const phaseMessages: Words<JoinPhase | 'none'> = defineMessages({
  none: { id: 'phase.none', defaultMessage: 'No co-browse session. Enter a session ID to join.' },
  connecting: {
    id: 'phase.connecting',
    defaultMessage: 'Connecting to the co-browse server for session {id}…',
  },
  joined: { id: 'phase.joined', defaultMessage: 'Joined; waiting for the customer…' },
  active: { id: 'phase.active', defaultMessage: 'Co-browsing with the customer.' },
  ending: { id: 'phase.ending', defaultMessage: 'Ending co-browse…' },
  ended: { id: 'phase.ended', defaultMessage: 'Co-browse ended. {reason}' },
  failed: { id: 'phase.failed', defaultMessage: 'Could not join session {id}.' },
});

type Coded = { code: string; params?: Record<string, unknown> };
/** Words with their parameters, as the logic/ modules return them (a parameter may be words in turn). */
export interface Phrase {
  message: MessageDescriptor;
  params?: Record<string, string | number | null | MessageDescriptor>;
}

/** Parameters written left to right in every language: a masked ID, a host, a path, a command-line flag. */
const LTR_PARAMS = new Set([
  'session',
  'host',
  'node',
  'address',
  'origin',
  'path',
  'folder',
  'file',
  'flag',
]);

/** The contract's parameters as ICU arguments (see the header). */
function argumentsOf(intl: IntlShape, params: Record<string, unknown> = {}): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    args[`has${key[0]!.toUpperCase()}${key.slice(1)}`] = value === null ? 'no' : 'yes';
    if (value === null) args[key] = '';
    else if (typeof value === 'object') args[key] = intl.formatMessage(value as MessageDescriptor);
    else if (key === 'id' || key === 'token') args[key] = ltrRun(intl, groupDigits(String(value)));
    else if (key === 'since')
      args[key] = ownRun(intl, intl.formatTime(value as number, { hour: '2-digit', minute: '2-digit' }));
    else if (LTR_PARAMS.has(key)) args[key] = ltrRun(intl, String(value));
    else args[key] = value as string | number;
  }
  return args;
}

export const phrase = (intl: IntlShape, p: Phrase): string =>
  intl.formatMessage(p.message, argumentsOf(intl, p.params));

/** A coded value in words, from its table. */
export function say<V extends Coded>(intl: IntlShape, words: Words<V['code']>, value: V): string {
  const descriptor: MessageDescriptor = words[value.code as V['code']];
  return intl.formatMessage(descriptor, argumentsOf(intl, value.params));
}

export const errorMessage = (intl: IntlShape, error: AppError): string =>
  error.code === 'deep-link-refused'
    ? intl.formatMessage(errorMessages[error.code], {
        reason: intl.formatMessage(deepLinkMessages[error.params.reason], { name: error.params.name ?? '' }),
      })
    : say(intl, errorMessages, error);
export const errorAction = (intl: IntlShape, error: AppError): string | null => {
  const action = errorActions[error.code];
  return action && intl.formatMessage(action, argumentsOf(intl, 'params' in error ? error.params : {}));
};
const endReasonWords = (intl: IntlShape, reason: SessionEnd | null): string =>
  intl.formatMessage(endReasonMessages[reason ?? 'unknown']);

/** An error naming the session as the line around it does (masked), never in full beside its masked ID. */
function maskedAs(error: AppError, session: string): AppError {
  if (!('params' in error)) return error;
  const params: Record<string, unknown> = { ...error.params };
  for (const key of ['id', 'token'] as const) if (key in params) params[key] = session;
  return { ...error, params } as AppError;
}

/** A timeline line; its end reason and error are worded in turn. */
export function timelineWords(intl: IntlShape, note: TimelineNote): string {
  if (note.code === 'cobrowse-ended')
    return intl.formatMessage(timelineMessages[note.code], {
      reason: endReasonWords(intl, note.params.reason),
    });
  if (note.code === 'cobrowse-failed')
    return intl.formatMessage(timelineMessages[note.code], {
      session: ltrRun(intl, note.params.session),
      error: errorMessage(intl, maskedAs(note.params.error, note.params.session)),
    });
  return say(intl, timelineMessages, note);
}

/**
 * How a history entry ended, and its code. The history keeps only the error's code: its message names the
 * session by the masked ID kept. An entry from before codes crossed keeps main's English, as written.
 */
export function endingWords(intl: IntlShape, entry: HistoryEntry): { words: string; code: string | null } {
  const { ending } = entry;
  if (typeof ending === 'string') return { words: ending, code: null };
  if (!('error' in ending)) return { words: endReasonWords(intl, ending.end), code: ending.end };
  const id = ltrRun(intl, entry.sessionId);
  const args = { id, token: id, hasOrigin: 'no', origin: '' };
  return { words: intl.formatMessage(errorMessages[ending.error], args), code: ending.error };
}
