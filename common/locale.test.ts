// The one rule for which language the sidebar and main's own texts speak.
import { describe, expect, it } from 'vitest';
import { chooseLocale, matchLocale } from './locale';

describe('chooseLocale', () => {
  it('takes the Language setting over the OS and the browser', () => {
    expect(chooseLocale('ar', 'de-DE', ['fr-FR'])).toBe('ar');
  });

  it("follows the OS locale (desktop), else the browser's languages in order, else English", () => {
    expect(chooseLocale('system', 'fr-CA', ['de'])).toBe('fr');
    expect(chooseLocale('system', null, ['ja', 'es-MX', 'de'])).toBe('es');
    // An OS language without a catalog: the agent's browser preferences still count before English.
    expect(chooseLocale('system', 'ja-JP', ['pt-BR'])).toBe('pt-BR');
    expect(chooseLocale('system', 'zh-CN', ['ko'])).toBe('en');
  });
});

describe('matchLocale', () => {
  it('matches exactly, then by language; malformed tags match nothing', () => {
    expect(matchLocale('pt-br')).toBe('pt-BR');
    expect(matchLocale('pt-PT')).toBe('pt-BR');
    expect(matchLocale('de-AT')).toBe('de');
    expect(matchLocale('ar-SA')).toBe('ar');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('sv-SE')).toBeNull();
    expect(matchLocale('not a tag!')).toBeNull();
    expect(matchLocale('')).toBeNull();
  });
});
