// For the command-line servers (simulator, web edition): on SIGINT/SIGTERM stop once, cleanly, then exit
// 0; a failed stop is one line on stderr and exit 1.
export function stopOnSignal(stop: () => Promise<void>, label: string): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`${label}: stop failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
