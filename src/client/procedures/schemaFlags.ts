import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { formatBytes, parseSize } from '../../solaris';
import { UsageError } from '../usageError';

/**
 * A procedure's flags, each naming the input field it fills. Defaults and choices are read from
 * the input schema, so the schema stays the one place that knows them; an absent flag leaves the
 * field to the schema's default.
 */
export interface FlagSpec {
  /** Commander's spelling: `--max-rounds <n>`, `--approve-cutover`. */
  flag: string;
  /** The input field, dotted: `converge.maxRounds`. */
  path: string;
  kind: 'string' | 'int' | 'size' | 'bool';
  description: string;
  required?: boolean;
}

/** What walking the schema finds for one field. */
interface FieldFacts {
  default?: unknown;
  choices?: readonly string[];
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function fieldFacts(schema: z.ZodType, path: string): FieldFacts {
  let node = schema;
  const facts: FieldFacts = {};
  for (const key of path.split('.')) {
    let def = defOf(node);
    while (def.innerType && def.type !== 'default') def = defOf(def.innerType);
    if (def.type !== 'object' || !def.shape?.[key]) throw new Error(`no input field ${path}`);
    node = def.shape[key];
  }
  for (let def = defOf(node); ; def = defOf(def.innerType!)) {
    if (def.type === 'default') facts.default = def.defaultValue;
    if (def.type === 'enum' && def.entries) facts.choices = Object.values(def.entries);
    if (!def.innerType) return facts;
  }
}

function shown(spec: FlagSpec, value: unknown): string {
  if (spec.kind === 'size' && typeof value === 'number') return formatBytes(value);
  return value === '' ? '""' : String(value);
}

/** Adds the flags to a command, with the schema's choices and defaults in the help. */
export function addSchemaFlags(cmd: Command, schema: z.ZodType, specs: readonly FlagSpec[]): Command {
  for (const spec of specs) {
    const facts = fieldFacts(schema, spec.path);
    const dflt = facts.default !== undefined && spec.kind !== 'bool' ? ` (default: ${shown(spec, facts.default)})` : '';
    const option = new Option(spec.flag, `${spec.description}${dflt}`);
    if (facts.choices) option.choices(facts.choices);
    if (spec.required) option.makeOptionMandatory();
    cmd.addOption(option);
  }
  return cmd;
}

function optionKey(spec: FlagSpec): string {
  const long = spec.flag
    .split(/[ ,]/)
    .find((w) => w.startsWith('--'))!
    .slice(2);
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function flagValue(spec: FlagSpec, raw: unknown): unknown {
  const name = spec.flag.split(' ')[0];
  if (raw === undefined || spec.kind === 'bool' || spec.kind === 'string') return raw;
  const text = String(raw);
  if (spec.kind === 'int') {
    if (!/^\d+$/.test(text)) throw new UsageError(`${name}: "${text}" is not a whole number`);
    return Number(text);
  }
  try {
    return parseSize(text);
  } catch {
    throw new UsageError(`${name}: "${text}" is not a size (like 512K, 64M, 2G)`);
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/**
 * Parsed flags (and the positional arguments, by field) → the validated input. The first problem
 * is one line naming the flag it came from.
 */
export function inputFromFlags<S extends z.ZodType>(
  schema: S,
  specs: readonly FlagSpec[],
  positional: Record<string, { value: string; label: string }>,
  options: Record<string, unknown>,
): z.output<S> {
  const raw: Record<string, unknown> = {};
  for (const [path, { value }] of Object.entries(positional)) setPath(raw, path, value);
  for (const spec of specs) {
    const value = flagValue(spec, options[optionKey(spec)]);
    if (value !== undefined) setPath(raw, spec.path, value);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const label = positional[path]?.label ?? specs.find((s) => s.path === path)?.flag.split(' ')[0] ?? path;
  throw new UsageError(`${label}: ${issue.message}`);
}
