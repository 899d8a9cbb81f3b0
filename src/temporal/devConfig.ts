// temporal-dev.yml: how the local Temporal dev server is run. Validated once, with a
// one-line error that names the file and the field, so a typo never surfaces as a CLI crash.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const DEFAULT_DEV_CONFIG_PATH = fileURLToPath(new URL('../../temporal-dev.yml', import.meta.url));

/** The types `temporal server start-dev --search-attribute NAME=TYPE` accepts. */
export const SEARCH_ATTRIBUTE_TYPES = ['Text', 'Keyword', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList'] as const;
export type SearchAttributeTypeName = (typeof SEARCH_ATTRIBUTE_TYPES)[number];

const port = z.int('must be an integer port').min(1, 'must be 1-65535').max(65535, 'must be 1-65535');

const devConfigSchema = z.strictObject(
  {
    cliVersion: z.string('must be a version string').regex(/^v\d+\.\d+\.\d+$/, 'must look like v1.5.1'),
    ip: z.ipv4('must be an IPv4 address'),
    port,
    uiPort: port,
    namespace: z.string('must be a string').regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a namespace name'),
    dbFile: z.string('must be a path').min(1, 'must be a path').optional(),
    searchAttributes: z.record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier'),
      z.enum(SEARCH_ATTRIBUTE_TYPES, `must be one of ${SEARCH_ATTRIBUTE_TYPES.join(', ')}`),
      'must be a map of NAME: Type',
    ),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be a mapping of settings' : undefined) },
);

export type DevConfig = z.infer<typeof devConfigSchema>;

export function loadDevConfig(path: string = DEFAULT_DEV_CONFIG_PATH): DevConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read: ${(err as Error).message}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new Error(`${path}: invalid YAML: ${firstLine((err as Error).message)}`, { cause: err });
  }
  const result = devConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`${path}: ${describeIssue(result.error.issues[0])}`);
  }
  const config = result.data;
  return config.dbFile === undefined ? config : { ...config, dbFile: expandHome(config.dbFile) };
}

export function expandHome(path: string): string {
  if (path === '~') return homedir();
  return path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'invalid';
  const where = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return `${[where, issue.keys[0]].filter(Boolean).join('.')}: unknown field`;
  }
  return `${where || '(top level)'}: ${firstLine(issue.message)}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
