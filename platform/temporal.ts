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
 * a cluster may not). Retention (TEMPORAL_RETENTION_DAYS): how long Temporal keeps a closed workflow's
 * history before deleting it; set on creation, and brought back to it on an existing namespace (the dev
 * server's `--namespace` has no retention flag and creates its namespace with its own default).
 */
export async function ensureNamespace(client: Client, namespace: string, retentionDays = 30): Promise<'exists' | 'created' | 'retention updated'> {
  const service = client.connection.workflowService;
  const retention = msToTs(`${retentionDays} days`);
  const described = await service.describeNamespace({ namespace }).catch((error: { code?: number }) => {
    if (error.code !== 5 /* gRPC NOT_FOUND */) throw error;
    return undefined;
  });
  if (described) {
    const current = Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0);
    if (current === Number(retention.seconds)) return 'exists';
    // Just after its creation a namespace may not be known to the update path yet (NOT_FOUND): retried.
    for (let attempt = 0; ; attempt++) {
      try {
        await service.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: retention } });
        return 'retention updated';
      } catch (error) {
        if ((error as { code?: number }).code !== 5 || attempt >= 80) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }
  try {
    await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: retention });
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
