import { Client, Connection } from '@temporalio/client';
import { clientConnectOptions } from '../temporal/connection';

/** A Temporal client from the SDK's env config (TEMPORAL_ADDRESS, …), or the local dev server. */
export async function connectClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const { connectionOptions, namespace } = clientConnectOptions();
  const connection = await Connection.connect(connectionOptions).catch((err: Error) => {
    throw new Error(
      `cannot reach Temporal at ${connectionOptions.address}: ${err.message} (start the local one with \`zmig dev\`, or set TEMPORAL_ADDRESS)`,
    );
  });
  return { client: new Client({ connection, namespace }), close: () => connection.close() };
}

/** Runs `fn` with a connected client and always closes the connection. */
export async function withClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const { client, close } = await connectClient();
  try {
    return await fn(client);
  } finally {
    await close();
  }
}
