// What the agent reads: why a session ended, and join failures in words with a next step.
import { groupDigits, type AppError } from '../../../common/contract';
import { ControllerError, type ControllerErrorCode } from '../controller/types';
import type { EndReason } from '../../../common/protocol';

export const endReasons = {
  'customer-exit': 'The customer ended co-browse from the web page.',
  'agent-exit': 'The agent left co-browse from the agent page.',
  'controller-stop': 'Co-browse was stopped.',
  'inactivity-timeout': 'The Co-browse Server ended the session after inactivity.',
  'node-lost': 'The co-browse server node hosting this session went away; co-browse ended.',
  unknown: 'The co-browse session ended.',
} satisfies Record<EndReason | 'unknown', string>;

export const closeReasons = {
  agentStop: 'The agent stopped co-browse.',
  agentExit: 'The agent left co-browse.',
  replaced: 'The agent ended this co-browse session to join another one.',
  transferred:
    'The interaction was transferred: co-browse was stopped first (sessions do not follow a transfer).',
  timedOut: "The interaction's handling timeout expired: co-browse was stopped.",
  closed: 'The interaction was closed: co-browse was stopped and the agent view closed.',
  callEndedOrTransferred:
    'The call ended or was transferred: co-browse was stopped and the agent view closed.',
  chatEndedOrTransferred:
    'The chat ended or was transferred: co-browse was stopped and the agent view closed.',
} as const;

type FailureCode = ControllerErrorCode | 'unknown-interaction' | 'interaction-ended';
/** What the agent is told: the ID they typed shown back (never the join step: that goes to the logs). */
interface Said {
  /** The session ID as typed, for the agent's own screen. */
  id?: string | undefined;
  /** The Origin a 403 refused. */
  origin?: string | undefined;
}

const session = (s: Said) => (s.id ? `session ${groupDigits(s.id)}` : 'this session');

const failures: Record<FailureCode, (s: Said) => [string, string]> = {
  'invalid-token': (s) => [
    s.id
      ? `${groupDigits(s.id)} is not a co-browse session ID: a session ID is exactly 9 digits.`
      : 'A co-browse session ID is exactly 9 digits.',
    'Check the digits with the customer.',
  ],
  'session-not-found': (s) => [
    `No live co-browse session has the ID ${s.id ? groupDigits(s.id) : 'given'}: it has ended, or the ID was mistyped.`,
    'Check the digits with the customer; if they match, ask them to start a new session.',
  ],
  'session-ended': (s) => [
    `Co-browse ${session(s)} has already ended.`,
    'Ask the customer to start a new one.',
  ],
  'origin-not-allowed': (s) => [
    `The Co-browse Server does not allow this app's Origin${s.origin ? ` (${s.origin})` : ''}.`,
    `Ask an administrator to add ${s.origin ?? 'it'} to the server's allowed origins, or set Origin in Settings to one it allows.`,
  ],
  unreachable: () => ['The Co-browse Server cannot be reached.', 'Check the network and the service URL.'],
  timeout: () => ['The Co-browse Server did not answer in time.', 'Try again.'],
  'join-refused': (s) => [
    `The Co-browse Server refused to join ${session(s)}.`,
    'Try again or ask the customer for a new ID.',
  ],
  'not-owner': () => ['The request reached the wrong co-browse node.', 'Check the stickiness setting.'],
  'node-lost': () => [
    'The co-browse node hosting this session went away.',
    'Ask the customer to start again.',
  ],
  protocol: () => ['The Co-browse Server sent an unexpected reply.', 'Try again; report it if it persists.'],
  closed: () => ['The join was cancelled.', ''],
  'unknown-interaction': () => ['That interaction is not known.', 'Pick an interaction from the list.'],
  'interaction-ended': () => [
    'That interaction has ended; co-browse cannot be attached to it.',
    'Pick an active one.',
  ],
};

export function appError(code: FailureCode, said: Said = {}): AppError {
  const [message, action] = failures[code](said);
  return { code, message, ...(action ? { action } : {}) };
}

/** A failure in the agent's words; the step and host stay in the log line that goes with it. */
export function toAppError(err: unknown, id?: string): AppError {
  if (err instanceof ControllerError) return appError(err.code, { id, origin: err.details.origin });
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/**
 * The refusal of a second session while one is live (one co-browse session per agent, Genesys 8.5.003+),
 * naming the live one. Main runs on the agent's own machine (the web edition on loopback), so its clock
 * reads as theirs.
 */
export function busyError(live: {
  token: string;
  customer: string | null;
  media: string | null;
  since: number | null;
}): AppError {
  const who = live.customer ? ` with ${live.customer}${live.media ? ` (${live.media})` : ''}` : '';
  const since =
    live.since === null
      ? ''
      : ` since ${new Date(live.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })}`;
  return {
    code: 'session-live',
    message: `You are already in co-browse session ${groupDigits(live.token)}${who}${since}: one co-browse session at a time.`,
    action: 'End it and join, or finish it first.',
  };
}
