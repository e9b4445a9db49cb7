// A Map as a bounded memory of the latest entries: insertion order is age, so the first key is the oldest.

/** Forgets the oldest entries until at most `max` are left. */
export function forgetOldest<K>(map: Map<K, unknown>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as K);
}

/** Sets `key` as the newest entry (moved to the end if known), forgetting the oldest beyond `max`. */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  forgetOldest(map, max);
}
