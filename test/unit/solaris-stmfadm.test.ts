import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  InvalidArgumentError,
  ParseError,
  parseStmfadmListLuVerbose,
  parseStmfadmListView,
  stmfadmAddView,
  stmfadmDeleteLu,
  stmfadmImportLu,
  stmfadmListLu,
} from '../../src/solaris';

// "LU Name: <GUID>", then "    %-18s: %s" (Solaris 11.0 stmfadm.c printLuProps/printExtLuProps);
// the values as Oracle's COMSTAR examples print them.
const LIST_LU_V = `LU Name: 600144F0A613C900000054521D550001
    Operational Status: Online
    Provider Name     : sbd
    Alias             : /dev/zvol/rdsk/pool/idisk0
    View Entry Count  : 1
    Data File         : /dev/zvol/rdsk/pool/idisk0
    Meta File         : not set
    Size              : 10737418240
    Block Size        : 512
    Management URL    : not set
    Vendor ID         : SUN
    Product ID        : COMSTAR
    Serial Num        : not set
    Write Protect     : Disabled
    Writeback Cache   : Enabled
    Access State      : Active
LU Name: 600144F0A613C900000054521D550002
    Operational Status: unregistered
    Provider Name     : unregistered
    Alias             : -
    View Entry Count  : 2
`;

test('list-lu -v: each LU with its typed fields and every property as printed; view-only GUIDs are unregistered', () => {
  const [lu, viewOnly] = parseStmfadmListLuVerbose(LIST_LU_V);
  assert.equal(lu?.guid, '600144F0A613C900000054521D550001');
  assert.equal(lu?.operationalStatus, 'Online');
  assert.equal(lu?.dataFile, '/dev/zvol/rdsk/pool/idisk0');
  assert.equal(lu?.alias, '/dev/zvol/rdsk/pool/idisk0');
  assert.equal(lu?.viewEntryCount, 1);
  assert.equal(lu?.properties['Writeback Cache'], 'Enabled');
  assert.equal(viewOnly?.operationalStatus, 'unregistered');
  assert.equal(viewOnly?.dataFile, undefined);
});

test('list-lu without -v: names only; a lower-case GUID is upper-cased', () => {
  assert.deepEqual(
    parseStmfadmListLuVerbose('LU Name: 600144f0a613c900000054521d550001\n').map((l) => l.guid),
    ['600144F0A613C900000054521D550001'],
  );
});

test('list-view -l: entries with host group, target group and LUN ("    %-13s: %s", stmfadm.c VIEW_FORMAT)', () => {
  const out =
    'View Entry: 0\n    Host group   : All\n    Target group : All\n    LUN          : 0\nView Entry: 1\n    Host group   : hg-db\n    Target group : tg1\n    LUN          : 7\n';
  assert.deepEqual(parseStmfadmListView(out), [
    { entry: 0, hostGroup: 'All', targetGroup: 'All', lun: 0 },
    { entry: 1, hostGroup: 'hg-db', targetGroup: 'tg1', lun: 7 },
  ]);
});

test('malformed stmfadm output is a ParseError, never a guess', () => {
  assert.throws(() => parseStmfadmListLuVerbose('    Alias : x\n'), ParseError);
  assert.throws(() => parseStmfadmListLuVerbose('LU Name: not-a-guid\n'), ParseError);
  assert.throws(() => parseStmfadmListView('View Entry: 0\n    Host group   : All\n'), ParseError);
  assert.throws(
    () => parseStmfadmListView('View Entry: 0\n    Host group : All\n    Target group : All\n    LUN : x\n'),
    ParseError,
  );
});

test('builders: All is the default group (no -h/-t), GUIDs and groups checked before they reach a command line', () => {
  const guid = '600144F0A613C900000054521D550001';
  assert.deepEqual(stmfadmAddView(guid, { hostGroup: 'All', targetGroup: 'All', lun: 3 }), [
    'stmfadm',
    'add-view',
    '-n',
    '3',
    guid,
  ]);
  assert.deepEqual(stmfadmAddView(guid.toLowerCase(), { hostGroup: 'hg1', targetGroup: 'All', lun: 0 }).slice(2), [
    '-h',
    'hg1',
    '-n',
    '0',
    guid,
  ]);
  assert.deepEqual(stmfadmDeleteLu(guid), ['stmfadm', 'delete-lu', guid]);
  assert.deepEqual(stmfadmDeleteLu(guid, { keepViews: true }), ['stmfadm', 'delete-lu', '-k', guid]);
  assert.deepEqual(stmfadmListLu(), ['stmfadm', 'list-lu', '-v']);
  assert.throws(() => stmfadmDeleteLu('-k'), InvalidArgumentError);
  assert.throws(() => stmfadmAddView(guid, { hostGroup: '-x', targetGroup: 'All', lun: 0 }), InvalidArgumentError);
  assert.throws(() => stmfadmImportLu('/dev/zvol/rdsk/pool/a b'), InvalidArgumentError);
});
