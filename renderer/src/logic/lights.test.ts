import { describe, expect, it } from 'vitest';
import { AppState } from '../../../common/contract';
import { connectionLight, hostLinkLight, sourceLight } from './lights';

const connectionStates = AppState.shape.connection.shape.state.options;
const sourceStates = AppState.shape.source.shape.state.options;

describe('status lights', () => {
  it('a local API listening with no softphone connected is neutral, in words saying so', () => {
    const light = sourceLight({ kind: 'local-api', state: 'listening', detail: null });
    expect(light.tone).toBe('neutral');
    expect(light.words.defaultMessage).toBe('Softphone link: listening — no softphone connected');
  });

  it("in demo mode the app connected on the local API is named as the demo's chat desk", () => {
    const up = { kind: 'local-api', state: 'up', detail: null } as const;
    expect(sourceLight(up, 'demo').words.defaultMessage).toBe('Demo chat desk: connected');
    expect(sourceLight(up, 'live').words.defaultMessage).toBe('Softphone link: connected');
    expect(sourceLight({ ...up, kind: 'workspace' }, 'demo').words.defaultMessage).toBe(
      'Genesys Workspace: connected',
    );
  });

  it('no session is not a fault: the idle connection is neutral', () => {
    expect(connectionLight({ state: 'idle', detail: null }).tone).toBe('neutral');
  });

  it('red only for what the agent must act on', () => {
    const red = [
      ...connectionStates.filter((state) => connectionLight({ state, detail: null }).tone === 'act'),
      ...sourceStates.flatMap((state) =>
        (['local-api', 'workspace'] as const)
          .filter((kind) => sourceLight({ kind, state, detail: null }).tone === 'act')
          .map((kind) => `${kind}:${state}`),
      ),
    ];
    expect(red).toEqual([
      'lost',
      'local-api:down',
      'workspace:down',
      'local-api:signed-out',
      'workspace:signed-out',
    ]);
  });

  it('every state of every light has its own words', () => {
    for (const kind of ['local-api', 'workspace'] as const)
      for (const state of sourceStates)
        expect(sourceLight({ kind, state, detail: null }).words.id).toBeTruthy();
    const ids = connectionStates.map((state) => connectionLight({ state, detail: null }).words.id);
    expect(new Set(ids).size).toBe(connectionStates.length);
  });

  it("the web edition's lost link: amber while it reconnects by itself, red once the agent must open the new link", () => {
    expect(hostLinkLight('down').tone).toBe('wait');
    expect(hostLinkLight('restarted').tone).toBe('act');
  });
});
