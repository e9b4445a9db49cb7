// A network change as the OS shows it to any process: the machine's addresses (Wi-Fi to VPN, a cable
// plugged, a DHCP renewal with a new address). Read locally every few seconds: it costs no request to anyone.
// Both hosts report a change to the core (AppCore.networkChanged), as the desktop reports a resume.
import { networkInterfaces } from 'node:os';

const EVERY_MS = 3000;

/** The non-loopback addresses, sorted: what changes when the machine's network does. */
function addresses(): string {
  return Object.entries(networkInterfaces())
    .flatMap(([name, list]) => (list ?? []).filter((a) => !a.internal).map((a) => `${name} ${a.address}`))
    .sort()
    .join(',');
}

/** Calls `onChange` when the machine's addresses change; returns the stop function. */
export function watchInterfaces(onChange: () => void, everyMs = EVERY_MS): () => void {
  let last = addresses();
  const timer = setInterval(() => {
    const now = addresses();
    if (now === last) return;
    last = now;
    onChange();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
