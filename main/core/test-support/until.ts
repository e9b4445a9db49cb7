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
