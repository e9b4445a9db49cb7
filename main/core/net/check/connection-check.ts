// The connection check an administrator runs (Settings, or the `--check-connection` flag of the app and the
// web edition): each step on its own line with its verdict and whom to ask, in a text report that can be
// saved and sent. The steps run in order on the network layer the app itself uses.
import { HttpClient } from '../http-client';
import type { Network } from '../network';
import {
  getSession,
  longPollingHandshake,
  proxyAnswer,
  resolveName,
  tlsChain,
  webSocketHandshake,
  workspaceKey,
  type CheckTarget,
  type StepResult,
} from './steps';

export type { StepResult } from './steps';

export interface CheckReport {
  at: string;
  serviceUrl: string;
  steps: StepResult[];
  ok: boolean;
  /** The network layer's own account: the setting, the routes decided (credentials masked), where trust came from. */
  network: ReturnType<Network['describe']>;
}

export interface CheckOptions {
  network: Network;
  serviceUrl: string;
  /** '' → the service's own origin, as get-session sends it. */
  origin?: string;
  workspaceUrl?: string;
  workspaceApiKey?: string;
  /** Per step. Default 8 s. */
  timeoutMs?: number;
}

export async function runConnectionCheck(o: CheckOptions): Promise<CheckReport> {
  const serviceUrl = o.serviceUrl.replace(/\/+$/, '').replace(/\/cobrowse$/, '');
  const t: CheckTarget = {
    network: o.network,
    serviceUrl,
    origin: o.origin || new URL(serviceUrl).origin,
    ...(o.workspaceUrl ? { workspaceUrl: o.workspaceUrl } : {}),
    ...(o.workspaceApiKey ? { workspaceApiKey: o.workspaceApiKey } : {}),
    timeoutMs: o.timeoutMs ?? 8000,
  };
  const client = new HttpClient(o.network);
  const steps: StepResult[] = [];
  for (const run of [
    () => resolveName(t),
    () => proxyAnswer(t, client),
    () => tlsChain(t),
    () => getSession(t, client),
    () => longPollingHandshake(t, client),
    () => webSocketHandshake(t),
    () => workspaceKey(t, client),
  ])
    steps.push(await run());
  return {
    at: new Date().toISOString(),
    serviceUrl,
    steps,
    ok: steps.every((s) => s.outcome !== 'fail'),
    network: o.network.describe(),
  };
}

const mark = { pass: 'PASS', fail: 'FAIL', info: 'INFO' } as const;

/** The report as text: one line per step, then the network's account and the verdict. */
export function formatReport(r: CheckReport): string {
  const lines = [`Connection check of ${r.serviceUrl} at ${r.at}`];
  for (const s of r.steps)
    lines.push(`${mark[s.outcome]}  ${s.step}: ${s.detail}${s.ask ? ` → ask the ${s.ask}` : ''}`);
  lines.push(`proxy setting: ${r.network.setting}`);
  for (const [origin, route] of Object.entries(r.network.routes)) lines.push(`route to ${origin}: ${route}`);
  lines.push(`trust: ${r.network.trust}`);
  const firstFail = r.steps.find((s) => s.outcome === 'fail');
  lines.push(
    firstFail
      ? `VERDICT: fails at "${firstFail.step}" → ask the ${firstFail.ask}`
      : 'VERDICT: every step passed',
  );
  return lines.join('\n') + '\n';
}
