// Polls until `pick` returns something truthy (then returns it), or fails after `ms`: for state that
// arrives over real sockets, where a fixed sleep would be either flaky or slow.
export async function until<T>(pick: () => T | undefined | null | false, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = pick();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Waits `ms` while checking that `check` keeps holding (it throws or returns false otherwise): for tests that
// prove something does NOT happen, where polling for it would succeed at once.
export async function holdsFor(ms: number, check: () => boolean | void = () => true): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check() === false) throw new Error(`stopped holding after ${ms - (end - Date.now())} ms`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(20, Math.max(0, end - Date.now()))));
  }
  if (check() === false) throw new Error(`stopped holding at ${ms} ms`);
}
