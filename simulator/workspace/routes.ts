// The Workspace simulator on the co-browse simulator's public port: the Workspace and Authentication APIs
// (`/workspace/v3/…`, `/auth/v3/…`) plus control routes for the demo page and tests. The control routes answer
// the same shapes as `/sim/interactions` (the demo chat box's API), so mounting them at that prefix lets the
// demo customer page drive Workspace chats unchanged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ExtraRoute } from '../cluster/balancer';
import { readBody, sendJson } from '../http/io';
import type { WorkspaceSim } from './workspace-sim';
import { requestUrl } from '../../common/request-path';

export const CONTROL_PREFIX = '/sim/workspace';

const OpenChat = z.object({ customerName: z.string().trim().min(1).max(200).default('Customer') }).strict();
const Message = z.object({ text: z.string().min(1).max(10_000) }).strict();
const Transfer = z.object({ to: z.string().min(1).max(200).optional() }).strict();
const Faults = z
  .object({
    expireSessions: z.literal(true).optional(),
    dropNotificationsMs: z.number().int().min(1).max(60_000).optional(),
    failUpdateUserData: z.number().int().min(1).max(100).optional(),
  })
  .strict();

async function body<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const text = await readBody(req, 16 * 1024);
  return schema.parse(text.trim() === '' ? {} : JSON.parse(text));
}

async function control(
  sim: WorkspaceSim,
  prefix: string,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) {
  const method = req.method ?? 'GET';
  if (path === `${prefix}/chats` && method === 'POST')
    return sendJson(res, 201, { interactionId: sim.openChat((await body(req, OpenChat)).customerName) });
  if (path === `${prefix}/faults` && method === 'POST') {
    const f = await body(req, Faults);
    if (f.expireSessions) sim.expireSessions();
    if (f.dropNotificationsMs) sim.dropNotifications(f.dropNotificationsMs);
    if (f.failUpdateUserData) sim.failUpdateUserData(f.failUpdateUserData);
    return sendJson(res, 202, { ok: true });
  }
  const m = new RegExp(`^${prefix}/chats/([^/]+)(?:/(messages|transfer|timeout|close))?$`).exec(path);
  const chat = m ? sim.chats.get(decodeURIComponent(m[1]!)) : undefined;
  if (!m || !chat)
    return sendJson(res, 404, { error: 'invalid-request', message: `no route or chat ${path}` });
  if (!m[2] && method === 'GET')
    return sendJson(res, 200, {
      interactionId: chat.id,
      state: chat.state,
      messages: chat.messages.map((x) => ({
        from: x.from?.type === 'Customer' ? 'customer' : 'agent',
        text: x.text,
        at: x.at,
      })),
      attachedData: chat.userData,
    });
  if (method !== 'POST' || !m[2])
    return sendJson(res, 405, { error: 'invalid-request', message: `${method} ${path}` });
  if (m[2] === 'timeout')
    return sendJson(res, 409, {
      error: 'invalid-request',
      message: "Genesys's Workspace API sends no handling-timeout event: use transfer or close",
    });
  if (m[2] === 'messages') sim.say(chat.id, 'customer', (await body(req, Message)).text);
  else if (m[2] === 'transfer') sim.transfer(chat.id, (await body(req, Transfer)).to);
  else sim.complete(chat.id);
  sendJson(res, 202, { ok: true });
}

/** `startSimulator({ routes: [workspaceRoutes(sim)] })`; `controlPrefix: '/sim/interactions'` for the demo page. */
export function workspaceRoutes(sim: WorkspaceSim, opts: { controlPrefix?: string } = {}): ExtraRoute {
  const prefix = opts.controlPrefix ?? CONTROL_PREFIX;
  return (req, res) => {
    const path = requestUrl(req.url)?.pathname ?? '';
    if (sim.handle(req, res, path)) return true;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return false;
    control(sim, prefix, req, res, path).catch((err: unknown) =>
      sendJson(res, 400, { error: 'invalid-request', message: String((err as Error).message) }),
    );
    return true;
  };
}
