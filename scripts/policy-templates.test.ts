// The administrators' policy templates cannot drift from the settings: the committed ADMX/ADML and sample
// profile are exactly what scripts/policy-templates.ts generates from the schema, every setting has an
// enforced and a recommended Group Policy whose strings and presentations exist, the ADMX writes where the
// app reads (policy/registry.ts), and the sample profile's values load through the app's own policy reader.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settingsKeys } from '../common/settings-schema';
import { parsePlist } from '../main/core/settings/policy/managed-preferences';
import { POLICY_KEY } from '../main/core/settings/policy/registry';
import { readPolicyLayer } from '../main/core/settings/policy-layer';
import { MOBILECONFIG_SAMPLE, renderAll, TEMPLATE_FILES } from './policy-templates';

const committed = (name: keyof typeof TEMPLATE_FILES) => readFileSync(TEMPLATE_FILES[name], 'utf8');
const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => m[1]!);

describe('policy templates', () => {
  it('are what the generator makes from the schema (run `npx tsx scripts/policy-templates.ts --write`)', () => {
    const rendered = renderAll();
    for (const name of Object.keys(TEMPLATE_FILES) as (keyof typeof TEMPLATE_FILES)[])
      expect(committed(name), TEMPLATE_FILES[name]).toBe(rendered[name]);
  });

  it('give every setting an enforced and a recommended policy, under the key the app reads', () => {
    const admx = committed('admx');
    const names = all(/<policy name="([^"]+)"/g, admx);
    expect(names).toEqual([...settingsKeys, ...settingsKeys.map((k) => `${k}_recommended`)]);
    expect(new Set(all(/ key="([^"]+)"/g, admx))).toEqual(
      new Set([POLICY_KEY, `${POLICY_KEY}\\Recommended`]),
    );
    expect(admx.match(/<policy /g)).toHaveLength(admx.match(/<\/policy>/g)!.length);
  });

  it('name only strings and presentations the ADML defines', () => {
    const admx = committed('admx');
    const adml = committed('adml');
    const strings = new Set(all(/<string id="([^"]+)"/g, adml));
    const presentations = new Set(all(/<presentation id="([^"]+)"/g, adml));
    for (const ref of all(/\$\(string\.([^)]+)\)/g, admx)) expect(strings, ref).toContain(ref);
    for (const ref of all(/\$\(presentation\.([^)]+)\)/g, admx)) expect(presentations, ref).toContain(ref);
    for (const key of settingsKeys) expect(adml).toContain(`Setting: ${key}.`);
  });

  it('are documented for administrators: docs/deployment.md names every setting and the policy key', () => {
    const doc = readFileSync('docs/deployment.md', 'utf8');
    for (const key of settingsKeys) expect(doc, key).toMatch(new RegExp(`^\\| \`${key}\` +\\|`, 'm'));
    expect(doc).toContain(`HKLM\\${POLICY_KEY}`);
  });

  it("ship a sample profile whose values the app's policy reader takes without a problem", async () => {
    const profile = parsePlist(Buffer.from(committed('mobileconfig'))) as {
      PayloadContent: Record<string, unknown>[];
    };
    const { Recommended, ...rest } = profile.PayloadContent[0]!;
    const enforced = Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('Payload')));
    const layer = await readPolicyLayer(async () => ({
      sources: [{ origin: 'sample', enforced, recommended: Recommended as Record<string, unknown> }],
      problems: [],
    }));
    expect(layer).toEqual({
      enforced: MOBILECONFIG_SAMPLE.enforced,
      recommended: MOBILECONFIG_SAMPLE.recommended,
      problems: [],
    });
  });
});
