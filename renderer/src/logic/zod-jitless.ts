// Set before zod loads with the schemas' chunk (zod decides per schema, as each is built): no compiled fast
// path. Under the page's CSP (no 'unsafe-eval') that path first probes whether eval works (`new Function`),
// which the browser refuses and reports as a CSP violation on every load; jitless, zod parses all the same.
// `__zod_globalConfig` is the object zod keeps its configuration in (`z.config` writes it): set here without
// importing zod, which stays out of the first paint.
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
