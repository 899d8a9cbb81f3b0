import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ZoneConfig, ZoneResource } from '../../src/solaris/index';
import { hasControlCharacter, parseZonecfgExport, renderZonecfgExport } from '../../src/solaris/index';

const propName = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);

// Any text zmig passes through zonecfg: no double quote, no control character (line breaks
// included), not empty (zonecfg export leaves empty values out).
const value = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
    fc.stringMatching(/^[A-Za-z0-9/:._,-]{1,24}$/),
    fc.constantFrom(
      '-m verbose',
      '[a,b]',
      '(priv=privileged,limit=1,action=deny)',
      ' lead',
      'trail ',
      'x;y',
      'a=b',
      '#c',
    ),
  )
  .filter((v) => v !== '' && !v.includes('"') && !hasControlCharacter(v));

const props = fc.dictionary(propName, value, { maxKeys: 6, noNullPrototype: true });

const resource: fc.Arbitrary<ZoneResource> = fc
  .record({
    type: fc.constantFrom('net', 'anet', 'dataset', 'device', 'fs', 'rctl', 'attr', 'capped-memory', 'suspend'),
    props,
    listProps: fc.option(
      fc.dictionary(propName, fc.array(value, { minLength: 1, maxLength: 3 }), {
        minKeys: 1,
        maxKeys: 2,
        noNullPrototype: true,
      }),
      {
        nil: undefined,
      },
    ),
  })
  .map(({ type, props: p, listProps }) =>
    listProps === undefined ? { type, props: p } : { type, props: p, listProps },
  );

// Only the global properties zmig copies; any other is refused by the parser (a test below).
const globalName = fc.constantFrom(
  'zonepath',
  'brand',
  'autoboot',
  'autoshutdown',
  'bootargs',
  'pool',
  'limitpriv',
  'ip-type',
  'hostid',
  'fs-allowed',
);
const globals = fc.dictionary(globalName, value, { maxKeys: 6, noNullPrototype: true });

const config: fc.Arbitrary<ZoneConfig> = fc.record(
  { globals, resources: fc.array(resource, { maxLength: 5 }) },
  { noNullPrototype: true },
);

test('property: parseZonecfgExport(renderZonecfgExport(cfg)) gives cfg back', () => {
  fc.assert(
    fc.property(config, (cfg) => {
      assert.deepStrictEqual(parseZonecfgExport(renderZonecfgExport(cfg)), cfg);
    }),
    { numRuns: 500 },
  );
});

test('property: rendering is stable (render . parse . render = render)', () => {
  fc.assert(
    fc.property(config, (cfg) => {
      const text = renderZonecfgExport(cfg);
      assert.equal(renderZonecfgExport(parseZonecfgExport(text)), text);
    }),
    { numRuns: 500 },
  );
});
