// "Copy diagnostics": one text block support can read, with the app's version, platform, effective
// settings (and which were locked or rejected), the co-browse sessions, the connection history and the tail
// of the recent logs (files on the desktop, the core's in-memory tail otherwise). Nothing secret leaves:
// session tokens are masked, credentials in URLs and key=value/JSON secrets are redacted, the Workspace
// client id is hidden.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { maskTokensIn } from '../../../common/mask';
import type { CobrowseSessionView } from '../../../common/contract';
import type { Settings, SettingsKey } from '../../../common/settings-schema';
import type { NetworkDiagnostics } from '../net/network';
import { describeRoute } from '../net/proxy-rules';
import type { ConnectionChange } from './recorder';
import { describe } from '../interactions/messages';

export interface DiagnosticsInput {
  app: { name: string; version: string };
  runtime: Record<string, string>;
  settings: Settings;
  locked: readonly SettingsKey[];
  problems: readonly string[];
  /** Newest first, as FileLogSink.files() returns them. */
  logFiles: readonly string[];
  /** Log lines kept in memory, oldest first: used when there are no log files (web edition). */
  logTail?: readonly string[];
  sessions?: readonly CobrowseSessionView[];
  connectionHistory?: readonly ConnectionChange[];
  /** The network layer's account: the proxy setting, each route decided (credentials masked), the trust. */
  network?: NetworkDiagnostics;
  /** Total log text included, from the newest lines back. */
  maxLogBytes?: number;
  now?: Date;
}

const REDACTED = '[redacted]';
const SECRET_NAMES =
  'password|passwd|secret|client_secret|token|access_token|refresh_token|id_token|apikey|api_key|api-key|authorization|cookie|set-cookie';
// `"name": "value"`, `name=value`, `name: value` (headers), with any quoting.
const SECRET_PAIR = new RegExp(
  `((?:${SECRET_NAMES})["']?\\s*[:=]\\s*)(?:(?:Bearer|Basic)\\s+)?(?:"[^"]*"|'[^']*'|[^\\s,;&}]+)`,
  'gi',
);
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi;

/** Redacts everything secret-shaped from free text; tokens keep their last 3 digits (maskTokensIn). */
export function redactSecrets(text: string): string {
  return maskTokensIn(
    text
      .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
      .replace(SECRET_PAIR, `$1${REDACTED}`)
      .replace(BEARER, `$1 ${REDACTED}`),
  );
}

function safeSettings(s: Settings): Record<string, unknown> {
  const hidden = (v: string) => (v ? REDACTED : '');
  // A proxy URL may carry `user:password@`: shown as diagnostics show routes (password never).
  const proxy = /^https?:/.test(s.proxy)
    ? describeRoute({ kind: 'proxy', proxy: new URL(s.proxy), origin: 'setting' })
    : s.proxy;
  return {
    ...s,
    proxy,
    workspaceClientId: hidden(s.workspaceClientId),
    workspaceApiKey: hidden(s.workspaceApiKey),
  };
}

async function logTails(files: readonly string[], budget: number): Promise<string[]> {
  const parts: string[] = [];
  let left = budget;
  for (const file of files) {
    if (left <= 0) break;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      parts.push(`--- ${basename(file)}: unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    // Whole lines only, from the end: the newest lines matter most.
    const tail = text.length > left ? text.slice(text.indexOf('\n', text.length - left) + 1) : text;
    const cut = tail.length < text.length;
    left = cut ? 0 : left - tail.length;
    parts.push(`--- ${basename(file)}${cut ? ' (last lines)' : ''}\n${tail.trimEnd()}`);
  }
  return parts;
}

/** Whole lines from the end, within `budget` characters. */
function newestLines(lines: readonly string[], budget: number): readonly string[] {
  let left = budget;
  let from = lines.length;
  while (from > 0 && left >= lines[from - 1]!.length + 1) left -= lines[--from]!.length + 1;
  return lines.slice(from);
}

const iso = (at: number | null) => (at === null ? '-' : new Date(at).toISOString());

function sessionLines(sessions: readonly CobrowseSessionView[]): string[] {
  if (sessions.length === 0) return ['none'];
  return sessions.map(
    (s) =>
      `- ${maskTokensIn(s.token)} ${s.phase} interaction=${s.interactionId ?? '-'} history=${s.sessionHistoryId ?? '-'} ` +
      `joined=${iso(s.joinedAt)} active=${iso(s.activatedAt)} ended=${iso(s.endedAt)}` +
      (s.endReason ? ` reason="${s.endReason}"` : '') +
      (s.error ? ` error=${describe(s.error)}` : ''),
  );
}

function connectionLines(changes: readonly ConnectionChange[]): string[] {
  if (changes.length === 0) return ['none'];
  return changes.map((c) => `- ${iso(c.at)} ${c.what}: ${c.state}${c.detail ? ` (${c.detail})` : ''}`);
}

function networkLines(n: NetworkDiagnostics): string[] {
  const routes = Object.entries(n.routes).map(([origin, route]) => `- ${origin}: ${route}`);
  return [
    '## Network',
    `Proxy setting: ${n.setting}`,
    'Routes:',
    ...(routes.length ? routes : ['none yet']),
    `Trust: ${n.trust}`,
    '',
  ];
}

export async function buildDiagnostics(input: DiagnosticsInput): Promise<string> {
  const head = [
    `${input.app.name} ${input.app.version} — diagnostics at ${(input.now ?? new Date()).toISOString()}`,
    ...Object.entries(input.runtime).map(([k, v]) => `${k}: ${v}`),
    '',
    '## Settings (effective)',
    JSON.stringify(safeSettings(input.settings), null, 2),
    `Locked by the administrator: ${input.locked.length ? input.locked.join(', ') : 'none'}`,
    ...(input.problems.length ? ['Settings problems:', ...input.problems.map((p) => `- ${p}`)] : []),
    '',
    '## Co-browse sessions (latest settled and live)',
    ...sessionLines(input.sessions ?? []),
    '',
    '## Connection history',
    ...connectionLines(input.connectionHistory ?? []),
    '',
    ...(input.network ? networkLines(input.network) : []),
    input.logFiles.length > 0
      ? '## Recent logs (newest file first)'
      : '## Recent logs (in memory, oldest first)',
  ];
  const budget = input.maxLogBytes ?? 256 * 1024;
  const logs =
    input.logFiles.length > 0
      ? await logTails(input.logFiles, budget)
      : [newestLines(input.logTail ?? [], budget).join('\n')];
  return redactSecrets([...head, ...logs].join('\n')) + '\n';
}
