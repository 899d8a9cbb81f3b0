import { Command, CommanderError } from 'commander';
import { runDevServerForeground } from '../temporal/devForeground';
import { runWorker } from '../worker';
import { approve, cancel, retry } from './commands/control';
import { list, status, watch } from './commands/inspect';
import { planProcedure } from './commands/plan';
import { startProcedure } from './commands/start';
import { exitCodeOf, followMigration } from './follow';
import { withClient } from './connect';
import { checkHostsKnown } from './inventoryHosts';
import type { ProcedureDescriptor } from './procedures/procedure';
import { PROCEDURES } from './procedures/registry';
import { addSchemaFlags, inputFromFlags } from './procedures/schemaFlags';
import { UsageError } from './usageError';
import { printable } from './render/printable';

type Opts = Record<string, unknown>;

/** A procedure's argument and flags on a command (its run, or its plan). */
function procedureCommand(cmd: Command, procedure: ProcedureDescriptor): Command {
  cmd.argument(`<${procedure.argument.name}>`, procedure.argument.description);
  return addSchemaFlags(cmd, procedure.schema, procedure.flags).option(
    '--inventory <file>',
    'inventory to check host names against (default $ZMIG_INVENTORY or ./inventory.yml)',
  );
}

/** Flags → validated input, its hosts checked against the inventory: bad input stops here, before anything starts. */
async function procedureInput(procedure: ProcedureDescriptor, argument: string, o: Opts): Promise<unknown> {
  const { path, name } = procedure.argument;
  const input = inputFromFlags(
    procedure.schema,
    procedure.flags,
    { [path]: { value: argument, label: `${name} name` } },
    o,
  );
  await checkHostsKnown(procedure.hosts(input), o['inventory'] as string | undefined);
  return input;
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('zmig')
    .description('Solaris zone migrations as durable Temporal workflows')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('dev')
    .description('start the local Temporal dev server with its web UI (temporal-dev.yml)')
    .action(async () => {
      await runDevServerForeground();
    });

  program
    .command('worker')
    .description('run a worker: executes migrations on the hosts of an inventory')
    .requiredOption('--inventory <file>', 'inventory YAML (hosts, addresses, keys)')
    .option('--task-queue <name>', 'task queue to poll', 'zmig')
    .action(async (o: Opts) => {
      await runWorker({ inventoryPath: String(o['inventory']), taskQueue: String(o['taskQueue']) });
    });

  const plan = program.command('plan').description('read-only preflight and the exact commands a migration would run');
  for (const procedure of PROCEDURES) {
    procedureCommand(program.command(procedure.command).description(procedure.description), procedure)
      .option('--no-wait', 'start and return at once')
      .option('--json', 'JSON progress lines instead of the step list')
      .action(async (argument: string, o: Opts) =>
        setExit(
          await startProcedure(procedure, await procedureInput(procedure, argument, o), {
            wait: o['wait'] !== false,
            json: Boolean(o['json']),
          }),
        ),
      );
    procedureCommand(plan.command(procedure.command).description(`plan: ${procedure.description}`), procedure)
      .option('--json', 'machine-readable output')
      .action(async (argument: string, o: Opts) =>
        setExit(
          await planProcedure(procedure, await procedureInput(procedure, argument, o), { json: Boolean(o['json']) }),
        ),
      );
  }

  program
    .command('watch <id>')
    .description('follow a migration (Ctrl-C detaches, never cancels)')
    .option('--json', 'JSON progress lines')
    .action(async (id: string, o: Opts) => setExit(await watch(id, { json: Boolean(o['json']) })));
  program
    .command('status <id>')
    .description('one look at a migration')
    .option('--json', 'machine-readable output')
    .action(async (id: string, o: Opts) => setExit(await status(id, { json: Boolean(o['json']) })));
  program
    .command('list')
    .description('running migrations')
    .option('--all', 'include finished ones')
    .option('--json', 'machine-readable output')
    .action(async (o: Opts) => setExit(await list({ json: Boolean(o['json']), all: Boolean(o['all']) })));
  program
    .command('cancel <id>')
    .description('cancel a migration: it rolls back everything it did')
    .action(async (id: string) => setExit(await cancel(id)));
  program
    .command('approve <id>')
    .description('let a migration waiting at its cutover gate proceed')
    .action(async (id: string) => setExit(await approve(id)));
  program
    .command('retry <id>')
    .description('start a failed or cancelled migration again with the same input')
    .option('--no-wait', 'return at once')
    .action(async (id: string, o: Opts) => {
      const workflowId = await retry(id);
      if (o['wait'] === false) return setExit(0);
      setExit(exitCodeOf(await withClient((client) => followMigration(client.workflow.getHandle(workflowId)))));
    });
  return program;
}

/** Runs the CLI; bad input is one line on stderr and exit code 2, other failures exit 1. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      process.stderr.write(`zmig: ${printable(err.message)}\n`);
      return 2;
    }
    process.stderr.write(`zmig: ${printable(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}
