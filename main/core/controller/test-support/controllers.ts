// Shared by the controller's tests: a controller on a simulator, events collected with waits.
import { afterAll, expect } from 'vitest';
import type { Simulator } from '../../../../simulator';
import { quietLogger } from '../../../../common/logger';
import { createController, type ControllerOptionsInput } from '../controller';
import type { Controller, ControllerEvent } from '../types';

export function testController(serviceUrl: string, extra: Partial<ControllerOptionsInput> = {}): Controller {
  return createController({ serviceUrl, agentName: 'Ada', warmUp: false, logger: quietLogger(), ...extra });
}

/** A suite's controller factory (on the service `serviceUrl()` names when called); all closed after the suite. */
export function suiteControllers(serviceUrl: () => string) {
  const made: Controller[] = [];
  afterAll(async () => {
    await Promise.all(made.map((c) => c.close()));
  });
  return (extra: Partial<ControllerOptionsInput> = {}): Controller => {
    const c = testController(serviceUrl(), extra);
    made.push(c);
    return c;
  };
}

/** Collects a session's events; `waitFor` resolves on the first event matching, past or future. */
export function eventLog() {
  const events: ControllerEvent[] = [];
  const waiters: { match: (e: ControllerEvent) => boolean; resolve: (e: ControllerEvent) => void }[] = [];
  return {
    events,
    onEvent: (e: ControllerEvent) => {
      events.push(e);
      for (const w of waiters.filter((w) => w.match(e))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    },
    waitFor(match: (e: ControllerEvent) => boolean, timeoutMs = 5000): Promise<ControllerEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching event within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
  };
}

/** Runs `fn` and returns the ControllerError it rejects with (fails the test if it resolves). */
export async function rejection(fn: () => Promise<unknown>): Promise<import('../types').ControllerError> {
  try {
    await fn();
  } catch (e) {
    return e as import('../types').ControllerError;
  }
  throw new Error('expected a rejection');
}

/** Stops the session's owning node: the session must be shown lost within 2 s and end node-lost. */
export async function expectLostWhenOwnerDies(
  sim: Simulator,
  node: string,
  events: ReturnType<typeof eventLog>,
): Promise<void> {
  const started = performance.now();
  await sim.stopNode(node);
  try {
    await events.waitFor((e) => e.type === 'connection' && e.state === 'lost', 2000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await events.waitFor((e) => e.type === 'deactivated', 100)).toMatchObject({ reason: 'node-lost' });
  } finally {
    await sim.startNode(node);
  }
}
