// A simulated call as Genesys's Workspace API sends it to this agent: CallStateChanged with every field of the
// JS client's `Call` model (common/workspace-wire.ts SentCall), built as Genesys's simulator builds the agent's
// leg (phoneNumber and, for a call to the agent, dnis: the agent's number; participants: the other party,
// RoleOrigination when it called, RoleDestination when it was called), with the capabilities of Genesys's
// simulator data (data/voice/capabilities.yaml) for the call's state.
import type { CallState, SentCall, SentCallStateChanged } from '../../common/workspace-wire';
import { userDataPairs, type HasUserData } from './user-data';

export interface SimCall extends HasUserData {
  id: string;
  callUuid: string;
  /** The other party: the caller of an inbound call, the number dialled otherwise. */
  number: string;
  state: CallState;
  callType: SentCall['callType'];
  parentConnId?: string;
  /** The id before the server renumbered the call. */
  previousConnId?: string;
  recordingState: SentCall['recordingState'];
}

const DATA = ['attach-user-data', 'update-user-data', 'delete-user-data-pair'] as const;
const TALKING = ['release', 'hold', 'clear', ...DATA, 'send-dtmf'] as const;
const STANDARD: Partial<Record<CallState, readonly string[]>> = {
  Established: [
    ...TALKING,
    'initiate-conference',
    'initiate-transfer',
    'single-step-conference',
    'single-step-transfer',
    'start-recording',
  ],
  Dialing: ['release', 'clear', ...DATA, 'send-dtmf', 'start-recording'],
  Ringing: ['answer', 'clear', 'redirect', ...DATA, 'start-recording'],
  Released: ['complete', ...DATA, 'start-recording'],
  Completed: ['complete', ...DATA, 'start-recording'],
};
const CONSULT_ORIGIN: Partial<Record<CallState, readonly string[]>> = {
  Dialing: [
    'release',
    'clear',
    ...DATA,
    'complete-transfer',
    'complete-conference',
    'alternate',
    'send-dtmf',
    'start-recording',
  ],
  Established: [
    ...TALKING,
    'alternate',
    'reconnect',
    'merge',
    'complete-conference',
    'complete-transfer',
    'start-recording',
  ],
};

/** The call actions the simulator plays. */
export type CallAction =
  | 'answer'
  | 'hold'
  | 'retrieve'
  | 'release'
  | 'initiate-transfer'
  | 'complete-transfer'
  | 'single-step-transfer';

/** As Genesys's simulator: the state's list; Held is Established's with retrieve in place of hold. */
export function capabilitiesOf(call: Pick<SimCall, 'state' | 'callType'>): string[] {
  const table = call.callType === 'Consult' && CONSULT_ORIGIN[call.state] ? CONSULT_ORIGIN : STANDARD;
  if (call.state === 'Held') {
    const held = (table.Established ?? STANDARD.Established)!.filter((c) => c !== 'hold');
    return [...held, 'retrieve'];
  }
  return [...(table[call.state] ?? [])];
}

export function callNotice(
  call: SimCall,
  agentNumber: string,
  notificationType: SentCallStateChanged['notificationType'],
): SentCallStateChanged {
  const inbound = call.callType === 'Inbound';
  const wire: SentCall = {
    type: 'Call',
    id: call.id,
    ...(call.previousConnId ? { previousConnId: call.previousConnId } : {}),
    ...(call.parentConnId ? { parentConnId: call.parentConnId } : {}),
    phoneNumber: agentNumber,
    connId: call.id,
    callUuid: call.callUuid,
    callType: call.callType,
    state: call.state,
    capabilities: capabilitiesOf(call),
    participants: [{ number: call.number, role: inbound ? 'RoleOrigination' : 'RoleDestination' }],
    dnis: inbound ? agentNumber : call.number,
    ani: inbound ? call.number : agentNumber,
    recordingState: call.recordingState,
    userData: userDataPairs(call.userData),
    extensions: [],
  };
  return { messageType: 'CallStateChanged', notificationType, call: wire };
}
