// The call model of the Workspace simulator, as Genesys's Workspace API tells a call: Ringing → Established →
// Released, and a two-step transfer through a consult call (parentConnId) as Genesys's simulator plays it.
import { randomBytes } from 'node:crypto';
import { notificationChannels } from '../../common/workspace-wire';
import { userDataPairs, type HasUserData, type Notice, type Publish } from './user-data';

export interface SimCall extends HasUserData {
  id: string;
  number: string;
  state: 'Ringing' | 'Dialing' | 'Established' | 'Held' | 'Released' | 'Completed';
  callType: 'Inbound' | 'Consult';
  parentConnId?: string;
}

const ENDED = new Set<SimCall['state']>(['Released', 'Completed']);

export class CallModel {
  readonly calls = new Map<string, SimCall>();

  constructor(private readonly publish: Publish) {}

  /** An inbound call rings the agent and is answered (a softphone in auto-answer). */
  open(number = '+15550100'): string {
    const call = this.add({ number, state: 'Ringing', callType: 'Inbound' });
    call.state = 'Established';
    this.changed(call);
    return call.id;
  }

  /** The customer hung up (or a single-step transfer: Genesys shows this agent the same Released). */
  release(id: string): void {
    const call = this.get(id);
    call.state = 'Released';
    this.changed(call);
  }

  /** Two-step transfer as Genesys's simulator plays it: consult call, main call Released, consult Completed. */
  transfer(id: string, to = '+15550142'): void {
    const main = this.get(id);
    main.state = 'Held';
    this.changed(main);
    const consult = this.add({ number: to, state: 'Dialing', callType: 'Consult', parentConnId: id });
    consult.state = 'Established';
    this.changed(consult);
    main.state = 'Released';
    this.changed(main);
    consult.state = 'Completed';
    this.changed(consult);
  }

  get(id: string): SimCall {
    const call = this.calls.get(id);
    if (!call) throw new RangeError(`no call ${id}`);
    return call;
  }

  /** The calls current-session lists: those not over. */
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

  /** The call as notices and current-session carry it. */
  wire(call: SimCall) {
    return {
      id: call.id,
      connId: call.id,
      state: call.state,
      callType: call.callType,
      ...(call.parentConnId ? { parentConnId: call.parentConnId } : {}),
      participants: [{ number: call.number, role: 'RoleOrigination' }],
      userData: userDataPairs(call.userData),
    };
  }

  changed(call: SimCall, notificationType = 'StateChange'): void {
    this.publish(notificationChannels.voice, this.notice(call, notificationType));
  }

  private notice(call: SimCall, notificationType: string) {
    return { messageType: 'CallStateChanged', notificationType, call: this.wire(call) };
  }

  private add(c: Pick<SimCall, 'number' | 'state' | 'callType' | 'parentConnId'>): SimCall {
    const call: SimCall = { id: randomBytes(8).toString('hex'), userData: {}, writes: [], ...c };
    this.calls.set(call.id, call);
    this.changed(call);
    return call;
  }
}
