// The Workspace API's call control (`/workspace/v3/voice/…`) as the JS client's VoiceApi calls it: make-call,
// answer, hold, retrieve, release, initiate-transfer and complete-transfer (two-step), single-step-transfer, and
// `GET /voice/calls`. Accepted requests answer `{status:{code:1}, operationId}` as Genesys's simulator does; the
// call's new state follows as CallStateChanged. Refusals (no such call, an action the state does not offer)
// answer 404 / 400 with a status message: our choice, Genesys's simulator answers 500 with text.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { KvPair } from '../../common/workspace-wire';
import { sendJson } from '../http/io';
import { accepted, jsonBody, notFound, OK, type ApiCall, type ApiDeps, type Route } from './api-context';
import { CallRefused, type CallModel } from './calls';

// Lenient, as a server should be: only what the action needs is checked.
const Body = z.looseObject({
  operationId: z.string().optional(),
  data: z
    .looseObject({
      destination: z.string().min(1).optional(),
      parentConnId: z.string().optional(),
      userData: z.array(KvPair).optional(),
    })
    .optional(),
});
type Body = z.infer<typeof Body>;

const refused = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { status: { code: status, message } });

/** One call action: `act` returns false when the request lacks what it needs. */
type Act = (calls: CallModel, id: string, body: Body) => boolean | void;

const ACTIONS: Record<string, Act> = {
  answer: (calls, id) => calls.answer(id),
  hold: (calls, id) => calls.hold(id),
  retrieve: (calls, id) => calls.retrieve(id),
  release: (calls, id) => calls.release(id),
  'single-step-transfer': (calls, id, b) => !!b.data?.destination && void calls.singleStepTransfer(id),
  'initiate-transfer': (calls, id, b) =>
    !!b.data?.destination && void calls.initiateTransfer(id, b.data.destination),
  'complete-transfer': (calls, id) => calls.completeTransfer(id),
};

async function callAction(d: ApiDeps, { req, res, params: [id, action] }: ApiCall): Promise<void> {
  const body = Body.safeParse(await jsonBody(req));
  if (!body.success) return refused(res, 400, 'malformed request body');
  if (!d.calls.calls.has(id!)) return notFound(res);
  try {
    if (ACTIONS[action!]!(d.calls, id!, body.data) === false)
      return refused(res, 400, `${action}: data.destination is required`);
  } catch (err) {
    if (err instanceof CallRefused) return refused(res, 400, err.message);
    throw err;
  }
  accepted(res, body.data.operationId ?? randomBytes(8).toString('hex'));
}

async function makeCall(d: ApiDeps, { req, res }: ApiCall): Promise<void> {
  const body = Body.safeParse(await jsonBody(req));
  const destination = body.success ? body.data.data?.destination : undefined;
  if (!body.success || !destination) return refused(res, 400, 'Missing parameters');
  const userData = Object.fromEntries((body.data.data?.userData ?? []).map((p) => [p.key, String(p.value)]));
  accepted(res, body.data.operationId ?? randomBytes(8).toString('hex'));
  d.calls.dial(destination, userData);
}

export const VOICE_ROUTES: Route[] = [
  { method: 'POST', path: /^\/voice\/make-call$/, run: makeCall },
  {
    method: 'POST',
    path: new RegExp(`^/voice/calls/([^/]+)/(${Object.keys(ACTIONS).join('|')})$`),
    run: callAction,
  },
  {
    method: 'GET',
    path: /^\/voice\/calls$/,
    run: (d, { res }) =>
      sendJson(res, 200, { ...OK, data: { calls: d.calls.live().map((c) => d.calls.wire(c)) } }),
  },
];
