// The Workspace simulator on the co-browse simulator's public port: the Workspace and Authentication APIs
// (`/workspace/v3/…`, `/auth/v3/…`) plus control routes for the demo page and tests. The control routes answer
// the same shapes as `/sim/interactions` (the demo chat box's API), so mounting them at that prefix lets the
// demo customer page drive Workspace chats unchanged. Calls have the same shapes beside them: `POST …/calls`
// rings the agent and answers the call's id, `GET …/calls/{id}` its state and attached data, and
// `POST …/calls/{id}/answer|hold|retrieve|release|transfer|single-step-transfer` (release: the caller hangs up;
// transfer: two-step, through a consult call).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ExtraRoute } from '../cluster/balancer';
import { readBody, sendJson } from '../http/io';
import type { WorkspaceSim } from './workspace-sim';
import { requestUrl } from '../../common/request-path';
import { CallRefused } from './calls';

export const CONTROL_PREFIX = '/sim/workspace';

const OpenChat = z.object({ customerName: z.string().trim().min(1).max(200).default('Customer') }).strict();
const OpenCall = z
  .object({
    number: z.string().trim().min(1).max(50).default('+15550100'),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
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

const invalid = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { error: 'invalid-request', message });

interface Control {
  sim: WorkspaceSim;
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
}

async function chatControl({ sim, req, res, method, path }: Control, id: string, action?: string) {
  const chat = sim.chats.get(id);
  if (!chat) return invalid(res, 404, `no route or chat ${path}`);
  if (!action && method === 'GET')
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
  if (method !== 'POST' || !action) return invalid(res, 405, `${method} ${path}`);
  if (action === 'timeout')
    return invalid(
      res,
      409,
      "Genesys's Workspace API sends no handling-timeout event: use transfer or close",
    );
  if (action === 'messages') sim.say(chat.id, 'customer', (await body(req, Message)).text);
  else if (action === 'transfer') sim.transfer(chat.id, (await body(req, Transfer)).to);
  else sim.complete(chat.id);
  sendJson(res, 202, { ok: true });
}

async function callControl({ sim, req, res, method, path }: Control, id: string, action?: string) {
  const call = sim.calls.get(id);
  if (!call) return invalid(res, 404, `no route or call ${path}`);
  if (!action && method === 'GET')
    return sendJson(res, 200, {
      interactionId: call.id,
      state: call.state,
      callType: call.callType,
      number: call.number,
      attachedData: call.userData,
    });
  if (method !== 'POST' || !action) return invalid(res, 405, `${method} ${path}`);
  const to = action.endsWith('transfer') ? ((await body(req, Transfer)).to ?? '+15550142') : '';
  try {
    if (action === 'answer') sim.voice.answer(id);
    else if (action === 'hold') sim.voice.hold(id);
    else if (action === 'retrieve') sim.voice.retrieve(id);
    else if (action === 'release') sim.releaseCall(id);
    else if (action === 'transfer') sim.transferCall(id, to);
    else sim.voice.singleStepTransfer(id);
  } catch (err) {
    if (err instanceof CallRefused) return invalid(res, 409, err.message);
    throw err;
  }
  sendJson(res, 202, { ok: true });
}

async function control(c: Control, prefix: string) {
  const { sim, req, res, method, path } = c;
  if (path === `${prefix}/chats` && method === 'POST')
    return sendJson(res, 201, { interactionId: sim.openChat((await body(req, OpenChat)).customerName) });
  if (path === `${prefix}/calls` && method === 'POST') {
    const { number, name } = await body(req, OpenCall);
    return sendJson(res, 201, { interactionId: sim.voice.ring(number, name) });
  }
  if (path === `${prefix}/faults` && method === 'POST') {
    const f = await body(req, Faults);
    if (f.expireSessions) sim.expireSessions();
    if (f.dropNotificationsMs) sim.dropNotifications(f.dropNotificationsMs);
    if (f.failUpdateUserData) sim.failUpdateUserData(f.failUpdateUserData);
    return sendJson(res, 202, { ok: true });
  }
  const chat = new RegExp(`^${prefix}/chats/([^/]+)(?:/(messages|transfer|timeout|close))?$`).exec(path);
  if (chat) return chatControl(c, decodeURIComponent(chat[1]!), chat[2]);
  const call = new RegExp(
    `^${prefix}/calls/([^/]+)(?:/(answer|hold|retrieve|release|transfer|single-step-transfer))?$`,
  ).exec(path);
  if (call) return callControl(c, decodeURIComponent(call[1]!), call[2]);
  return invalid(res, 404, `no route or chat ${path}`);
}

/** `startSimulator({ routes: [workspaceRoutes(sim)] })`; `controlPrefix: '/sim/interactions'` for the demo page. */
export function workspaceRoutes(sim: WorkspaceSim, opts: { controlPrefix?: string } = {}): ExtraRoute {
  const prefix = opts.controlPrefix ?? CONTROL_PREFIX;
  return (req, res) => {
    const path = requestUrl(req.url)?.pathname ?? '';
    if (sim.handle(req, res, path)) return true;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return false;
    const c = { sim, req, res, method: req.method ?? 'GET', path };
    control(c, prefix).catch((err: unknown) => invalid(res, 400, String((err as Error).message)));
    return true;
  };
}
