import { Client, Connection } from '@temporalio/client';
import { clientConnectOptions } from '../temporal/connection';

/** A Temporal client from the SDK's env config (TEMPORAL_ADDRESS, …), or the local dev server. */
export async function connectClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const { connectionOptions, namespace } = clientConnectOptions();
  const connection = await Connection.connect(connectionOptions);
  return { client: new Client({ connection, namespace }), close: () => connection.close() };
}
