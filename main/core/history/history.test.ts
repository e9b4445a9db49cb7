// Today's history on disk: survives a reopen (a restart), keeps the last version of an entry, drops a torn
// line, shows only today's entries, and stays bounded (old days and the entry cap are compacted away).
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CobrowseSessionView, HistoryEntry, InteractionView } from '../../../common/contract';
import { quietLogger } from '../../../common/logger';
import { historyEntryOf, openHistory } from './history';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'history-'));
  file = join(dir, 'history.journal');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const noon = new Date(2026, 11, 1, 12, 0, 0).getTime();
const entry = (id: string, endedAt: number, more: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  sessionId: '******789',
  customerName: 'Ann',
  interactionId: 'chat-1',
  media: 'chat',
  startedAt: endedAt - 60_000,
  activeSeconds: 60,
  endedAt,
  ending: { end: 'agent-left' },
  attachedData: 'pending',
  ...more,
});
const open = (now = noon, more = {}) => openHistory({ file, log: quietLogger(), now: () => now, ...more });

describe('history', () => {
  it('reads entries written before codes crossed (an English ending) beside coded ones', async () => {
    const h = await open();
    await h.record(entry('old', noon - 1000, { ending: 'The agent left co-browse.' }));
    await h.record(entry('new', noon - 500, { ending: { error: 'node-lost' } }));
    await h.close();
    const again = await open();
    expect(again.today().map((e) => e.ending)).toEqual(['The agent left co-browse.', { error: 'node-lost' }]);
    await again.close();
  });

  it('survives a restart, the last version of an entry winning', async () => {
    const h = await open();
    await h.record(entry('a', noon - 1000));
    await h.record(entry('b', noon - 500));
    await h.record(entry('a', noon - 1000, { attachedData: 'written' }));
    await h.close();
    const again = await open();
    expect(again.today().map((e) => [e.id, e.attachedData])).toEqual([
      ['a', 'written'],
      ['b', 'pending'],
    ]);
    await again.close();
  });

  it('skips a torn last line (a crash mid-write) and keeps the rest', async () => {
    const h = await open();
    await h.record(entry('a', noon - 1000));
    await h.close();
    await appendFile(file, '0123456789abcdef {"id":"b","sess');
    const again = await open();
    expect(again.today().map((e) => e.id)).toEqual(['a']);
    await again.record(entry('c', noon));
    await again.close();
    expect((await open()).today().map((e) => e.id)).toEqual(['a', 'c']);
  });

  it("shows only today's entries and drops days beyond keepDays at open", async () => {
    const h = await open();
    await h.record(entry('yesterday', noon - 24 * 3600_000));
    await h.record(entry('long-ago', noon - 9 * 24 * 3600_000));
    await h.record(entry('today', noon - 1000));
    await h.close();
    const again = await open(noon, { keepDays: 7 });
    expect(again.today().map((e) => e.id)).toEqual(['today']);
    await again.close();
    const text = await readFile(file, 'utf8');
    expect(text).toContain('"yesterday"');
    expect(text).not.toContain('"long-ago"');
  });

  it('stays bounded: the journal is compacted to at most maxEntries', async () => {
    const h = await open(noon, { maxEntries: 5 });
    for (let i = 0; i < 40; i += 1) await h.record(entry(`s${i}`, noon - 40_000 + i * 1000));
    for (let i = 0; i < 40; i += 1) await h.record(entry(`s39`, noon, { attachedData: 'written' }));
    await h.close();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(2 * 5 + 16);
    const again = await open(noon, { maxEntries: 5 });
    expect(again.today().map((e) => e.id)).toEqual(['s35', 's36', 's37', 's38', 's39']);
    await again.close();
  });
});

describe('historyEntryOf', () => {
  const session: CobrowseSessionView = {
    id: 'x',
    token: '123456789',
    interactionId: 'chat-1',
    sessionHistoryId: 'h',
    phase: 'ended',
    joinedAt: 1_000,
    activatedAt: 2_000,
    endedAt: 62_400,
    endReason: 'agent-left',
    error: null,
  };
  const chat = { id: 'chat-1', media: 'chat', customerName: 'Ann', pendingWrites: 0 } as InteractionView;

  it('describes the session with its customer, active time and attached data, the ID masked', () => {
    expect(historyEntryOf(session, chat)).toEqual({
      id: 'x',
      sessionId: '******789',
      customerName: 'Ann',
      interactionId: 'chat-1',
      media: 'chat',
      startedAt: 2_000,
      activeSeconds: 60,
      endedAt: 62_400,
      ending: { end: 'agent-left' },
      attachedData: 'written',
    });
    expect(historyEntryOf(session, { ...chat, pendingWrites: 2 })?.attachedData).toBe('pending');
    expect(historyEntryOf({ ...session, interactionId: null }, undefined)?.attachedData).toBe('none');
  });

  it("keeps a call's number masked to its last 4 digits, also where it stood in for the name", () => {
    const call = { ...chat, media: 'voice', customerName: 'Ann Lee', caller: '+1 555 0123' } as InteractionView;
    expect(historyEntryOf(session, call)).toMatchObject({ customerName: 'Ann Lee', caller: '+* *** 0123' });
    const unnamed = { ...call, customerName: '+1 555 0123' };
    expect(historyEntryOf(session, unnamed)).toMatchObject({
      customerName: '+* *** 0123',
      caller: '+* *** 0123',
    });
  });

  it('leaves out live sessions and joins that never got through', () => {
    expect(historyEntryOf({ ...session, phase: 'active', endedAt: null }, chat)).toBeNull();
    expect(
      historyEntryOf({ ...session, phase: 'failed', joinedAt: null, activatedAt: null }, chat),
    ).toBeNull();
  });
});
