// Every parser of host output in src/solaris, fed hostile text: what a compromised or odd host
// could print. Shared by the test (fixed seed) and `npm run bench -- parsers` (a larger run, timed).
import fc from 'fast-check';
import {
  fixBootargsQuoting,
  parseAttachOutput,
  parseBeadmList,
  parseDladmShowVnic,
  parseExactBytes,
  ParseError,
  parseReceiveVerbose,
  parseSize,
  parseStmfadmListLuVerbose,
  parseStmfadmListView,
  parseSvcsState,
  parseZdbLabels,
  parseZpoolImportListing,
  parseZpoolStatus,
  parseUnameVersion,
  parseZfsGet,
  parseZfsList,
  parseZoneadmList,
  parseZonecfgExport,
  parseZonecfgInfo,
} from '../../src/solaris';

export const PARSERS: Record<string, (text: string) => unknown> = {
  parseZonecfgExport,
  parseZonecfgInfo,
  fixBootargsQuoting,
  parseZfsGet,
  parseZfsList: (t) => parseZfsList(t, ['name', 'mountpoint', 'mounted', 'zoned']),
  parseReceiveVerbose,
  parseZoneadmList,
  parseAttachOutput,
  parseBeadmList,
  parseDladmShowVnic,
  parseSvcsState,
  parseUnameVersion,
  parseSize,
  parseExactBytes: (t) => parseExactBytes(t, 'fuzz'),
  parseStmfadmListLuVerbose,
  parseStmfadmListView,
  parseZpoolStatus,
  parseZpoolImportListing,
  parseZdbLabels,
};

/** Pieces hosts print and pieces that break naive parsers: long runs, quotes, tabs, separators. */
const piece = fc.oneof(
  fc.constantFrom(
    'set bootargs=',
    'set zonepath=/zones/www',
    'create -b',
    'add net',
    'end',
    'add attr',
    'set value="a b"',
    'rpool/zones/www',
    '@zmig-1',
    '\t',
    '\n',
    '\r\n',
    '"',
    "'",
    ':',
    ';',
    '\\',
    '=',
    '-',
    'on',
    'off',
    'local',
    'received',
    'NR',
    '0:www:running:/zones/www:uuid:solaris:excl',
    'received 1.2GB stream in 3 seconds',
    'Result: Attach Succeeded.',
    '11.4.42.111.0',
    'omnios-r151046',
    '512M',
    '1.5T',
    '\u0000',
    '\u001b[2J',
  ),
  fc.string({ maxLength: 12 }),
  fc.nat({ max: 40_000 }).map((n) => ' '.repeat(n)),
  fc.nat({ max: 20_000 }).map((n) => '\t'.repeat(n)),
  fc.nat({ max: 20_000 }).map((n) => '"'.repeat(n)),
  fc.nat({ max: 20_000 }).map((n) => '\n'.repeat(n)),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
);

export const hostileText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

/** Runs one parser on one input: a result or a ParseError, anything else is a bug. */
export function feed(parse: (text: string) => unknown, text: string): 'parsed' | 'refused' {
  try {
    parse(text);
    return 'parsed';
  } catch (err) {
    if (err instanceof ParseError) return 'refused';
    throw err;
  }
}
