import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../common/logger';
import { rateLimit, refusalLog } from './flood-guard';

describe('rateLimit', () => {
  it('allows the burst, then the rate, and says when to come back', () => {
    let t = 0;
    const limit = rateLimit(10, 3, () => t);
    expect([limit.take(), limit.take(), limit.take(), limit.take()]).toEqual([true, true, true, false]);
    expect(limit.retryAfterS()).toBe(1);
    t = 100; // 0.1 s at 10/s: one token back
    expect([limit.take(), limit.take()]).toEqual([true, false]);
  });
});

describe('refusalLog', () => {
  it('logs the first refusal, then one summary line per interval', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const refused = refusalLog(createLogger({ sink: (l) => lines.push(l) }), 'request refused', 1000);
    for (let i = 0; i < 500; i++) refused({ status: 401 });
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/request refused: 499 more in the last 1 s \{"status":401\}/);
    vi.advanceTimersByTime(5000); // quiet: nothing more, and the next refusal is logged at once again
    refused({ status: 403 });
    expect(lines).toHaveLength(3);
    vi.useRealTimers();
  });
});
