import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../common/contract';
import { draftOf, invalidFields, isDirty, settingsPatch } from './settings-form';

const current: AppState['settings'] = {
  serviceUrl: 'https://cobrowse.example.com',
  origin: '',
  stickiness: 'cookie',
  transport: 'long-polling',
  agentName: 'Agent',
  debug: false,
  alwaysOnTop: false,
  source: 'local-api',
  workspaceUrl: '',
  workspaceClientId: '',
  language: 'system',
  notifyOnRequest: true,
  requestSound: false,
  agentPageZoom: '100',
  locked: ['serviceUrl'],
};

describe('settingsPatch', () => {
  it('sends only what changed', () => {
    const draft = { ...draftOf(current), agentName: 'Dana', debug: true };
    expect(settingsPatch(current, draft)).toEqual({ agentName: 'Dana', debug: true });
    expect(isDirty(current, draft)).toBe(true);
  });
  it('never proposes a locked key', () => {
    const draft = { ...draftOf(current), serviceUrl: 'https://elsewhere.example.com' };
    expect(settingsPatch(current, draft)).toEqual({});
    expect(isDirty(current, draft)).toBe(false);
  });
  it('the draft carries no locked list (not a setting)', () => {
    expect(draftOf(current)).not.toHaveProperty('locked');
  });
});

describe('invalidFields', () => {
  it('names the fields main would refuse, as the stored schema checks them', () => {
    const draft = {
      ...draftOf(current),
      serviceUrl: 'cobrowse.example.com',
      origin: 'ftp://x',
      agentName: 'Ann',
    };
    expect(invalidFields(draft)).toEqual(['serviceUrl', 'origin']);
    expect(invalidFields(draftOf(current))).toEqual([]);
  });
});
