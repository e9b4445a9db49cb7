import { describe, expect, it } from 'vitest';
import { requestUrl } from './request-path';

describe('requestUrl', () => {
  it('keeps `//host` in the path and never throws', () => {
    expect(requestUrl('//evil.example/cobrowse/health')?.pathname).toBe('//evil.example/cobrowse/health');
    expect(requestUrl('//|x')?.pathname).toBe('//|x'); // `new URL('//|x', base)` throws
    expect(requestUrl('/a/b?x=1')?.searchParams.get('x')).toBe('1');
    for (const bad of ['http://x/', '*', '', undefined]) expect(requestUrl(bad)).toBeUndefined();
  });
});
