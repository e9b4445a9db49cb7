// The sidebar's Content-Security-Policy, one source for the header both hosts send (main/electron's app://
// handler, main/web's static site) and the `<meta>` in its HTML: the build writes the desktop's into
// index.html, and the web edition rewrites it to its own as it serves the page, so the two always agree.

const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/i;
// Browsers ignore these in a <meta> (and Chromium reports each as an error): the header alone carries them.
const HEADER_ONLY = ['frame-ancestors'];

function directives(frameSrc: string): string[] {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${frameSrc}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
}

/** The header; `frameSrc` is the only thing the sidebar may frame (the web edition's agent proxy). */
export const contentSecurityPolicy = (frameSrc: string): string => directives(frameSrc).join('; ');

/** The same policy as a `<meta>` can carry it: every directive of the header but those only a header can. */
export const metaPolicy = (frameSrc: string): string =>
  directives(frameSrc)
    .filter((d) => !HEADER_ONLY.includes(d.split(' ')[0]!))
    .join('; ');

/** The page with its CSP `<meta>` set to `metaPolicy(frameSrc)`; a page without one is left as it is. */
export const withMetaPolicy = (html: string, frameSrc: string): string =>
  html.replace(META, `<meta http-equiv="Content-Security-Policy" content="${metaPolicy(frameSrc)}" />`);

/** The policy of the `<meta>` in `html`, or null. */
export const metaPolicyOf = (html: string): string | null =>
  /content="([^"]*)"/.exec(META.exec(html)?.[0] ?? '')?.[1] ?? null;
