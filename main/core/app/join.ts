// A join the agent asked for, typed in the sidebar or from a deep link: the raw text cleaned (pasted spaces,
// `{start:…}`, links), logged masked, and the shown error cleared for the join's own outcome.
import { normaliseSessionId, type JoinOutcome } from '../../../common/contract';
import { maskTokensIn } from '../../../common/mask';
import { engineOf, type CoreContext } from './context';

export interface AskedJoin {
  via: 'typed' | 'deep-link';
  /** Omitted → the selected interaction. */
  interactionId?: string | null | undefined;
  replace?: boolean | undefined;
}

export function joinAsked(ctx: CoreContext, raw: string, asked: AskedJoin): Promise<JoinOutcome> {
  const token = normaliseSessionId(raw) ?? raw.trim();
  ctx.log.info('join requested', { via: asked.via, token: maskTokensIn(token) });
  ctx.lastError = null;
  return engineOf(ctx).joinText(token, {
    via: asked.via,
    replace: asked.replace ?? false,
    ...(asked.interactionId !== undefined ? { interactionId: asked.interactionId } : {}),
  });
}

/** A deep link's join: nobody waits for the reply, so a join that does not happen is said in the sidebar. */
export function joinFromLink(ctx: CoreContext, raw: string): void {
  void joinAsked(ctx, raw, { via: 'deep-link' }).then((outcome) => {
    if (outcome.outcome === 'failed' && outcome.sessionId === null) {
      ctx.lastError = outcome.error;
      ctx.changed();
    }
  });
}
