// Connections to Temporal, failing fast with a message naming TEMPORAL_ADDRESS.
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
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

/**
 * Creates the namespace when the server does not have it (the dev server creates its own at start;
 * a cluster may not). Retention: how long Temporal keeps a closed journey's history.
 */
export async function ensureNamespace(client: Client, namespace: string, retentionDays = 30): Promise<'exists' | 'created'> {
  const service = client.connection.workflowService;
  try {
    await service.describeNamespace({ namespace });
    return 'exists';
  } catch (error) {
    if ((error as { code?: number }).code !== 5 /* gRPC NOT_FOUND */) throw error;
  }
  try {
    await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) });
  } catch (error) {
    if ((error as { code?: number }).code !== 6 /* ALREADY_EXISTS: another process won the race */) {
      throw new Error(`TEMPORAL_NAMESPACE: namespace ${namespace} does not exist and could not be created: ${(error as Error).message}`);
    }
  }
  // A new namespace takes a moment to be usable everywhere in the cluster.
  for (let i = 0; i < 50; i++) {
    try {
      await service.describeNamespace({ namespace });
      return 'created';
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return 'created';
}
