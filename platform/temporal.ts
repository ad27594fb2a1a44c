// Connections to Temporal, failing fast with a message naming TEMPORAL_ADDRESS.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export async function connectClient(address: string, namespace: string): Promise<Client> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 5_000 });
    await connection.workflowService.getSystemInfo({});
    return new Client({ connection, namespace });
  } catch (error) {
    throw new Error(`TEMPORAL_ADDRESS: cannot reach Temporal at ${address}: ${(error as Error).message}`);
  }
}

export async function connectWorker(address: string): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect({ address });
  } catch (error) {
    throw new Error(`TEMPORAL_ADDRESS: cannot reach Temporal at ${address}: ${(error as Error).message}`);
  }
}
