// What the agent reads: why a session ended, and join failures in words with a next step.
import type { AppError } from '../../../common/contract';
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
  transferred:
    'The interaction was transferred: co-browse was stopped first (sessions do not follow a transfer).',
  timedOut: "The interaction's handling timeout expired: co-browse was stopped.",
  closed: 'The interaction was closed: co-browse was stopped and the agent view closed.',
  callEndedOrTransferred:
    'The call ended or was transferred: co-browse was stopped and the agent view closed.',
  chatEndedOrTransferred:
    'The chat ended or was transferred: co-browse was stopped and the agent view closed.',
} as const;

const failures: Record<ControllerErrorCode | 'unknown-interaction' | 'interaction-ended', [string, string]> =
  {
    'invalid-token': ['A co-browse session ID is exactly 9 digits.', 'Check the digits with the customer.'],
    'session-not-found': ['No live co-browse session has this ID.', 'Ask the customer to start a new one.'],
    'session-ended': ['This co-browse session has already ended.', 'Ask the customer to start a new one.'],
    'origin-not-allowed': [
      'The Co-browse Server refused this application (origin not allowed).',
      'Ask an administrator to allow the configured origin.',
    ],
    unreachable: ['The Co-browse Server cannot be reached.', 'Check the network and the service URL.'],
    timeout: ['The Co-browse Server did not answer in time.', 'Try again.'],
    'join-refused': ['The Co-browse Server refused the join.', 'Try again or ask the customer for a new ID.'],
    'not-owner': ['The request reached the wrong co-browse node.', 'Check the stickiness setting.'],
    'node-lost': ['The co-browse node hosting this session went away.', 'Ask the customer to start again.'],
    protocol: ['The Co-browse Server sent an unexpected reply.', 'Try again; report it if it persists.'],
    closed: ['The join was cancelled.', ''],
    'unknown-interaction': ['That interaction is not known.', 'Pick an interaction from the list.'],
    'interaction-ended': [
      'That interaction has ended; co-browse cannot be attached to it.',
      'Pick an active one.',
    ],
  };

export function appError(code: keyof typeof failures, detail?: string): AppError {
  const [message, action] = failures[code];
  return { code, message: detail ? `${message} (${detail})` : message, ...(action ? { action } : {}) };
}

export function toAppError(err: unknown): AppError {
  if (err instanceof ControllerError)
    return appError(err.code, err.details.step && `step: ${err.details.step}`);
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
