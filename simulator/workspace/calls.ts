// The call model of the Workspace simulator, as Genesys's Workspace API tells a call to this agent: inbound
// Ringing → Established (answer) ⇄ Held (hold, retrieve) → Released; an outbound call Dialing → Established;
// a two-step transfer through a consult call (parentConnId: main call Held, consult Dialing; on completion the
// main call Released and the consult Completed, as Genesys's simulator plays it); a single-step transfer
// Released for this agent. Each notice carries the full `Call` of Genesys's client model (call-wire.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { notificationChannels, type CallState, type SentCall } from '../../common/workspace-wire';
import { callNotice, capabilitiesOf, type CallAction, type SimCall } from './call-wire';
import type { Notice, Publish } from './user-data';

export type { SimCall };

const ENDED = new Set<CallState>(['Released', 'Completed']);

/** A call action refused in the call's state (the route answers 400 with the reason). */
export class CallRefused extends Error {}

export class CallModel {
  readonly calls = new Map<string, SimCall>();

  /** `agentNumber`: the agent's own phone number (the model's phoneNumber). */
  constructor(
    private readonly publish: Publish,
    private readonly agentNumber: () => string,
  ) {}

  /** An inbound call rings the agent; `name`, when known, is attached as FirstName (as chats carry it). */
  ring(number = '+15550100', name?: string): string {
    const call = this.add({ number, state: 'Ringing', callType: 'Inbound' });
    if (name) call.userData.FirstName = name;
    this.changed(call);
    return call.id;
  }

  /** The agent dials out (make-call); the far end answers at once. */
  dial(destination: string, userData: Record<string, string> = {}): string {
    const call = this.add({ number: destination, state: 'Dialing', callType: 'Outbound' });
    Object.assign(call.userData, userData);
    this.changed(call);
    this.set(call, 'Established');
    return call.id;
  }

  answer(id: string): void {
    this.act(id, 'answer', 'Established');
  }

  hold(id: string): void {
    this.act(id, 'hold', 'Held');
  }

  retrieve(id: string): void {
    this.act(id, 'retrieve', 'Established');
  }

  /** The agent hung up. */
  release(id: string): void {
    this.act(id, 'release', 'Released');
  }

  /** The other party hung up: Released for this agent, whatever the call's state. */
  hangUp(id: string): void {
    const call = this.get(id);
    if (!ENDED.has(call.state)) this.set(call, 'Released');
  }

  /** Genesys shows the transferring agent a single-step transfer as Released, like a hang-up. */
  singleStepTransfer(id: string): void {
    this.act(id, 'single-step-transfer', 'Released');
  }

  /** Two-step transfer, first step: the main call Held, a consult call Dialing; answers the consult's id. */
  initiateTransfer(id: string, destination: string): string {
    const main = this.act(id, 'initiate-transfer', 'Held');
    const consult = this.add({
      number: destination,
      state: 'Dialing',
      callType: 'Consult',
      parentConnId: main.id,
    });
    this.changed(consult);
    return consult.id;
  }

  /** Two-step transfer, last step (on the consult call): main call Released, consult Completed. */
  completeTransfer(consultId: string): void {
    const consult = this.get(consultId);
    const main = consult.parentConnId ? this.calls.get(consult.parentConnId) : undefined;
    if (!main) throw new CallRefused(`call ${consultId} is not a consult call`);
    this.allowed(consult, 'complete-transfer');
    this.set(main, 'Released');
    this.set(consult, 'Completed');
  }

  /**
   * The server gives the call a new connection id, as it does for the target of a two-step transfer or
   * conference; the notice carries the old one as previousConnId. Answers the new id.
   */
  renumber(id: string): string {
    const call = this.get(id);
    this.calls.delete(id);
    Object.assign(call, { id: randomBytes(8).toString('hex'), previousConnId: id });
    this.calls.set(call.id, call);
    this.changed(call);
    return call.id;
  }

  get(id: string): SimCall {
    const call = this.calls.get(id);
    if (!call) throw new RangeError(`no call ${id}`);
    return call;
  }

  /** The calls current-session and `GET /voice/calls` list: those not over. */
  live(): SimCall[] {
    return [...this.calls.values()].filter((c) => !ENDED.has(c.state));
  }

  /** What a session that just activated learns: the agent's calls, as CallRecovered. */
  recoveryNotices(): Notice[] {
    return this.live().map((c) => ({
      channel: notificationChannels.voice,
      data: this.notice(c, 'CallRecovered'),
    }));
  }

  /** The call as notices, current-session and `GET /voice/calls` carry it. */
  wire(call: SimCall): SentCall {
    return callNotice(call, this.agentNumber(), 'StateChange').call;
  }

  changed(call: SimCall, notificationType: 'StateChange' | 'AttachedDataChanged' = 'StateChange'): void {
    this.publish(notificationChannels.voice, this.notice(call, notificationType));
  }

  private notice(call: SimCall, notificationType: Parameters<typeof callNotice>[2]) {
    return callNotice(call, this.agentNumber(), notificationType);
  }

  private act(id: string, action: CallAction, to: CallState): SimCall {
    const call = this.get(id);
    this.allowed(call, action);
    this.set(call, to);
    return call;
  }

  /** As Genesys's capabilities: an action the call's state does not offer is refused. */
  private allowed(call: SimCall, action: CallAction): void {
    if (!capabilitiesOf(call).includes(action))
      throw new CallRefused(`${action} is not possible on a ${call.callType} call that is ${call.state}`);
  }

  private set(call: SimCall, state: CallState): void {
    call.state = state;
    this.changed(call);
  }

  private add(c: Pick<SimCall, 'number' | 'state' | 'callType' | 'parentConnId'>): SimCall {
    const call: SimCall = {
      id: randomBytes(8).toString('hex'),
      callUuid: randomUUID(),
      recordingState: 'Stopped',
      userData: {},
      writes: [],
      ...c,
    };
    this.calls.set(call.id, call);
    return call;
  }
}
