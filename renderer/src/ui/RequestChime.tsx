// The "Play a sound for co-browse requests" setting: a short chime when a co-browse request starts waiting
// on a chat (one per request, never again on later state pushes). Web Audio, no sound file to ship.
import { useEffect, useRef } from 'react';
import { useSidebarState } from './context';

function chime(): void {
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
  tone.connect(gain).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.4);
  tone.onended = () => void audio.close();
}

export function RequestChime() {
  const enabled = useSidebarState((s) => s.app!.settings.requestSound);
  const waiting = useSidebarState((s) =>
    s
      .app!.interactions.flatMap((i) => (i.cobrowseRequest ? [`${i.id}@${i.cobrowseRequest.at}`] : []))
      .join(' '),
  );
  const heard = useRef<Set<string> | null>(null);
  useEffect(() => {
    const now = new Set(waiting.split(' ').filter(Boolean));
    // The requests already waiting when the sidebar opened were announced then, not now.
    const fresh = heard.current ? [...now].filter((k) => !heard.current!.has(k)) : [];
    heard.current = now;
    if (enabled && fresh.length > 0) {
      // Counted on <html data-chimes>: what an e2e test can hear.
      document.documentElement.dataset.chimes = String(
        Number(document.documentElement.dataset.chimes ?? 0) + 1,
      );
      chime();
    }
  }, [waiting, enabled]);
  return null;
}
