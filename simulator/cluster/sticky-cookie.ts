import { STICKY_COOKIE } from '../../common/protocol';

/** The stickiness cookie a node sets on create: the balancer routes every later request on it. */
export const stickyCookieHeader = (node: string): string => `${STICKY_COOKIE}=${node}; Path=/; SameSite=Lax`;
