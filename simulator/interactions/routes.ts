// HTTP routes under `/sim/interactions/` on the simulator's public port, for the demo customer page's chat
// box and for test controls (transfer, handling timeout, close). Same origin as the page: no CORS needed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ExtraRoute } from '../cluster/balancer';
import { BodyTooLarge, decodeSegment, readBody, sendJson } from '../http/io';
import type { InteractionServerSim } from './interaction-server';
import { requestUrl } from '../../common/request-path';

export const ROUTE_PREFIX = '/sim/interactions';

const OpenChat = z.object({ customerName: z.string().trim().min(1).max(200).default('Customer') }).strict();
const Message = z.object({ text: z.string().min(1).max(10_000) }).strict();
const Transfer = z.object({ to: z.string().max(200).optional() }).strict();

const CHAT_PATH = new RegExp(`^${ROUTE_PREFIX}/chats/([^/]+)(?:/(messages|transfer|timeout|close))?$`);

async function jsonBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const text = await readBody(req, 16 * 1024);
  const parsed = schema.safeParse(text.trim() === '' ? {} : JSON.parse(text));
  if (!parsed.success) throw new RequestError(400, z.prettifyError(parsed.error));
  return parsed.data;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function dispatch(sim: InteractionServerSim, req: IncomingMessage, res: ServerResponse, path: string) {
  const method = req.method ?? 'GET';
  if (path === `${ROUTE_PREFIX}/chats` && method === 'POST') {
    const { customerName } = await jsonBody(req, OpenChat);
    return sendJson(res, 201, { interactionId: await sim.openChat(customerName) });
  }
  const m = CHAT_PATH.exec(path);
  if (!m) throw new RequestError(404, `no route ${path}`);
  const id = decodeSegment(m[1]!);
  if (id === undefined) throw new RequestError(400, 'the chat id has a malformed %-escape');
  const chat = sim.interactions.get(id);
  if (!chat) throw new RequestError(404, `no chat ${id}`);
  const action = m[2];
  if (!action && method === 'GET')
    return sendJson(res, 200, {
      interactionId: id,
      state: chat.state,
      messages: chat.messages,
      attachedData: chat.attachedData,
    });
  if (method !== 'POST') throw new RequestError(405, `${method} not allowed on ${path}`);
  if (action === 'messages') await sim.say(id, 'customer', (await jsonBody(req, Message)).text);
  else if (action === 'transfer') await sim.transfer(id, (await jsonBody(req, Transfer)).to);
  else if (action === 'timeout') await sim.handlingTimeout(id);
  else if (action === 'close') await sim.close(id);
  else throw new RequestError(405, `${method} not allowed on ${path}`);
  sendJson(res, 202, { ok: true });
}

/** The route to pass to `startSimulator({ routes: [interactionRoutes(sim)] })`. */
export function interactionRoutes(sim: InteractionServerSim): ExtraRoute {
  return (req, res) => {
    const path = requestUrl(req.url)?.pathname ?? '';
    if (path !== ROUTE_PREFIX && !path.startsWith(`${ROUTE_PREFIX}/`)) return false;
    dispatch(sim, req, res, path).catch((err: unknown) => {
      const status =
        err instanceof RequestError
          ? err.status
          : err instanceof BodyTooLarge
            ? 413
            : err instanceof SyntaxError
              ? 400
              : 502;
      sendJson(res, status, {
        error: status === 502 ? 'source-refused' : 'invalid-request',
        message: String((err as Error).message),
      });
    });
    return true;
  };
}
