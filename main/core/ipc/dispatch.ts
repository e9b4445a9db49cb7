// Every request from a sidebar (Electron IPC or the web edition's WebSocket) goes through here: the name must
// be one of the contract's, the input must match its schema, and the answer is always a Reply — never a
// thrown error, which IPC would flatten into a string.
import { z } from 'zod';
import {
  requests,
  type AppError,
  type Reply,
  type RequestName,
  type RequestOutput,
} from '../../../common/contract';
import type { Logger } from '../../../common/logger';

export type Handlers = {
  [K in RequestName]: (
    input: z.infer<(typeof requests)[K]['input']>,
  ) => RequestOutput<K> | Promise<RequestOutput<K>>;
};

/** Thrown by a handler for a refusal the agent should read (the sidebar words its code). */
export class RequestRefused extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

const isRequestName = (name: string): name is RequestName => Object.hasOwn(requests, name);

export type Dispatch = (name: string, input: unknown) => Promise<Reply<unknown>>;

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (name, input) => {
    if (!isRequestName(name)) return refuse({ code: 'unknown-request', params: { name: name.slice(0, 60) } });
    const parsed = requests[name].input.safeParse(input);
    if (!parsed.success) {
      log.warn('request refused: invalid input', { name, problem: z.prettifyError(parsed.error) });
      return refuse({ code: 'invalid-request', params: { name } });
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof RequestRefused) return refuse(err.error);
      log.error('request failed', { name, error: err instanceof Error ? err.message : String(err) });
      return refuse({ code: 'internal' });
    }
  };
}

const refuse = (error: AppError): Reply<never> => ({ ok: false, error });
