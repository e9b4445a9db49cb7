import { describe, expect, it, vi } from 'vitest';
import { DAY_MS, scheduleUpdateChecks } from './schedule';

describe('scheduleUpdateChecks', () => {
  it('checks at start and then daily, survives failures, and stops', async () => {
    vi.useFakeTimers();
    try {
      const errors: unknown[] = [];
      let calls = 0;
      const check = vi.fn(async () => {
        calls++;
        if (calls === 2) throw new Error('offline');
      });
      const stop = scheduleUpdateChecks(check, (e) => errors.push(e));
      await vi.advanceTimersByTimeAsync(0);
      expect(check).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(DAY_MS - 1);
      expect(check).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(check).toHaveBeenCalledTimes(2);
      expect(errors).toEqual([new Error('offline')]);
      await vi.advanceTimersByTimeAsync(DAY_MS);
      expect(check).toHaveBeenCalledTimes(3);
      stop();
      await vi.advanceTimersByTimeAsync(3 * DAY_MS);
      expect(check).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never runs two checks at once when one hangs', async () => {
    vi.useFakeTimers();
    try {
      const check = vi.fn(() => new Promise<void>(() => {}));
      const stop = scheduleUpdateChecks(check, () => {});
      await vi.advanceTimersByTimeAsync(3 * DAY_MS);
      expect(check).toHaveBeenCalledTimes(1);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
