// REST calls the way a client makes them, for tests: JSON out, status and parsed body back.
import { paths, STICKY_COOKIE } from '../../common/protocol';

export interface RestAnswer {
  status: number;
  body: unknown;
  setCookie: string | null;
}

export async function rest(
  base: string,
  path: string,
  init: { method?: string; origin?: string; cookie?: string; body?: string } = {},
): Promise<RestAnswer> {
  const headers: Record<string, string> = {};
  if (init.origin) headers.Origin = init.origin;
  if (init.cookie) headers.Cookie = init.cookie;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}${paths.restBase}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, setCookie: res.headers.get('set-cookie') };
}

export const stickyCookie = (node: string): string => `${STICKY_COOKIE}=${node}`;
