// What the tray shows for the app's state, in the agent's language: a coloured dot and a tooltip an agent
// can read at a glance, and the menu's words. The dot is drawn here as raw pixels, so no icon file ships for it.
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import type { AppState, ConnectionDetail } from '../../../common/contract';
import type { IntlShape } from '../i18n/intl';

export type Rgb = readonly [number, number, number];

export type TrayAction = 'open' | 'copyDiagnostics' | 'quit';
export type TrayMenuItem = { action: TrayAction; label: string } | { separator: true };

export interface TrayModel {
  tooltip: string;
  color: Rgb;
}

const GREEN: Rgb = [0x2e, 0xa0, 0x43];
const AMBER: Rgb = [0xd9, 0x8e, 0x04];
const RED: Rgb = [0xcf, 0x22, 0x2e];
const GREY: Rgb = [0x8c, 0x95, 0x9f];

const m = defineMessages({
  idle: {
    id: 'tray.connection.idle',
    defaultMessage: 'not connected',
    description: 'Tray tooltip: no co-browse server connection (none needed yet)',
  },
  connecting: {
    id: 'tray.connection.connecting',
    defaultMessage: 'connecting…',
    description: 'Tray tooltip: connecting to the co-browse server',
  },
  connected: {
    id: 'tray.connection.connected',
    defaultMessage: 'connected',
    description: 'Tray tooltip: connected to the co-browse server',
  },
  reconnecting: {
    id: 'tray.connection.reconnecting',
    defaultMessage: 'reconnecting…',
    description: 'Tray tooltip: the connection dropped, reconnecting by itself',
  },
  lost: {
    id: 'tray.connection.lost',
    defaultMessage: 'connection lost',
    description: 'Tray tooltip: the connection to the co-browse server is lost',
  },
  copyDiagnostics: {
    id: 'tray.menu.copyDiagnostics',
    defaultMessage: 'Copy diagnostics',
    description:
      'Tray menu: copy the diagnostics bundle (for support) to the clipboard; as the sidebar footer says',
  },
  quit: { id: 'tray.menu.quit', defaultMessage: 'Quit', description: 'Tray menu: quit the app' },
});

const withValues = defineMessages<{
  status: { product: string; demo: 'yes' | 'no'; state: string };
  active: { count: number };
  open: { product: string };
}>({
  status: {
    id: 'tray.status',
    defaultMessage: '{demo, select, yes {{product} (demo): {state}} other {{product}: {state}}}',
    description:
      "Tray tooltip's first line: the app's name, (demo) in demo mode, and its connection {state} (one of the tray.connection words)",
  },
  active: {
    id: 'tray.activeSessions',
    defaultMessage: '{count, plural, one {# co-browse session active} other {# co-browse sessions active}}',
    description: 'Tray tooltip: how many co-browse sessions with customers are under way now',
  },
  open: {
    id: 'tray.menu.open',
    defaultMessage: 'Open {product}',
    description: 'Tray menu: show the sidebar window',
  },
});

/** The connection light's detail (a code from main's watch of the service or node), on the tooltip's second line. */
const detailWords = defineMessages({
  'service-reachable': {
    id: 'tray.detail.service-reachable',
    defaultMessage: 'Co-browse service reachable',
    description: 'Tray tooltip, second line: the co-browse service answers',
  },
  'service-unreachable': {
    id: 'tray.detail.service-unreachable',
    defaultMessage: 'Co-browse service unreachable: {host} ({cause})',
    description:
      'Tray tooltip: {host} refused or reset the connection; {cause} is the system code (ECONNREFUSED…)',
  },
  'service-silent': {
    id: 'tray.detail.service-silent',
    defaultMessage: 'Co-browse service {host} does not answer',
    description: 'Tray tooltip: the co-browse service at {host} does not answer',
  },
  'service-http-status': {
    id: 'tray.detail.service-http-status',
    defaultMessage: 'Co-browse service {host} answered HTTP {status}',
    description: 'Tray tooltip: the co-browse service answered with an HTTP error status',
  },
  'ca-file-unusable': {
    id: 'tray.detail.ca-file-unusable',
    defaultMessage: 'The extra CA file {file} cannot be used: {problem}',
    description:
      'Tray tooltip: the configured extra certificate authority file is unusable; {problem} as the system says it',
  },
  'node-connection-failed': {
    id: 'tray.detail.node-connection-failed',
    defaultMessage: 'The connection to {node} failed',
    description:
      'Tray tooltip: the co-browse server node of the session; {node} like "node1 (10.0.0.5:8700)"',
  },
  'node-forgot': {
    id: 'tray.detail.node-forgot',
    defaultMessage: '{node} no longer knows this connection',
    description: 'Tray tooltip: the node dropped the CometD connection (it restarted or expired it)',
  },
  'node-silent': {
    id: 'tray.detail.node-silent',
    defaultMessage: '{node} does not answer',
    description: "Tray tooltip: the session's node stopped answering",
  },
  'proxy-auth-required': {
    id: 'tray.detail.proxy-auth-required',
    defaultMessage: 'Proxy {proxy} wants credentials',
    description:
      'Tray tooltip: what the network layer could not get past (a proxy, a certificate, plain http)',
  },
  'proxy-refused': {
    id: 'tray.detail.proxy-refused',
    defaultMessage: 'Proxy {proxy} refused the service (HTTP {status})',
    description:
      'Tray tooltip: what the network layer could not get past (a proxy, a certificate, plain http)',
  },
  'proxy-unreachable': {
    id: 'tray.detail.proxy-unreachable',
    defaultMessage: 'Proxy {proxy} unreachable ({cause})',
    description:
      'Tray tooltip: what the network layer could not get past (a proxy, a certificate, plain http)',
  },
  'certificate-untrusted': {
    id: 'tray.detail.certificate-untrusted',
    defaultMessage: '{host}: certificate from {issuer} not trusted',
    description:
      'Tray tooltip: what the network layer could not get past (a proxy, a certificate, plain http)',
  },
  'certificate-expired': {
    id: 'tray.detail.certificate-expired',
    defaultMessage: '{host}: certificate expired (issued by {issuer})',
    description:
      'Tray tooltip: what the network layer could not get past (a proxy, a certificate, plain http)',
  },
  'certificate-wrong-name': {
    id: 'tray.detail.certificate-wrong-name',
    defaultMessage: '{host}: certificate made out to another name',
    description:
      'Tray tooltip: what the network layer could not get past (a proxy, a certificate, plain http)',
  },
  'plain-http-refused': {
    id: 'tray.detail.plain-http-refused',
    defaultMessage: 'Plain http to {host} is not allowed',
    description:
      'Tray tooltip: what the network layer could not get past (a proxy, a certificate, plain http)',
  },
} satisfies Record<ConnectionDetail['code'], unknown>);

function detailLine(intl: IntlShape, detail: ConnectionDetail): string {
  const words: MessageDescriptor = detailWords[detail.code];
  return intl.formatMessage(words, 'params' in detail ? detail.params : {});
}

const COLOR: Record<AppState['connection']['state'], Rgb> = {
  idle: GREY,
  connecting: AMBER,
  connected: GREEN,
  reconnecting: AMBER,
  lost: RED,
};

export function trayModel(
  state: Pick<AppState, 'connection' | 'sessions' | 'mode'>,
  productName: string,
  intl: IntlShape,
): TrayModel {
  const c = state.connection.state;
  const active = state.sessions.filter((s) => s.phase === 'active').length;
  const parts = [
    intl.formatMessage(withValues.status, {
      product: productName,
      demo: state.mode === 'demo' ? 'yes' : 'no',
      state: intl.formatMessage(m[c]),
    }),
    ...(state.connection.detail ? [detailLine(intl, state.connection.detail)] : []),
    ...(active ? [intl.formatMessage(withValues.active, { count: active })] : []),
  ];
  return { tooltip: parts.join('\n'), color: COLOR[c] };
}

/** The tray's menu; the host rebuilds it when the words change (the agent switched language). */
export const trayMenu = (productName: string, intl: IntlShape): TrayMenuItem[] => [
  { action: 'open', label: intl.formatMessage(withValues.open, { product: productName }) },
  { action: 'copyDiagnostics', label: intl.formatMessage(m.copyDiagnostics) },
  { separator: true },
  { action: 'quit', label: intl.formatMessage(m.quit) },
];

/** A filled, anti-aliased dot as BGRA pixels (what Electron's nativeImage.createFromBitmap takes). */
export function dotBitmap(size: number, [r, g, b]: Rgb): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const radius = size * 0.4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const coverage = Math.max(0, Math.min(1, radius + 0.5 - Math.hypot(x - c, y - c)));
      const i = (y * size + x) * 4;
      px[i] = b;
      px[i + 1] = g;
      px[i + 2] = r;
      px[i + 3] = Math.round(coverage * 255);
    }
  return px;
}
