// The controller the engine keeps for its whole life: it forwards to whichever controller is current and
// counts the live sessions its joins opened (the idle check waits while one is).
import type { Controller, SessionOwner } from '../controller';

export interface CountedController {
  readonly controller: Controller;
  liveSessions(): number;
}

export function countedController(
  current: () => Controller,
  onOwner: ((owner: SessionOwner) => void) | undefined,
): CountedController {
  let live = 0;
  return {
    controller: {
      async join(token, options) {
        let open = true;
        const session = await current().join(token, {
          onOwner,
          ...options,
          onEvent: (e) => {
            if (open && e.type === 'connection' && e.state === 'closed') {
              open = false;
              live--;
            }
            options.onEvent(e);
          },
        });
        live++;
        return session;
      },
      probe: () => current().probe(),
      watch: (onChange) => current().watch(onChange),
      close: () => current().close(),
    },
    liveSessions: () => live,
  };
}
