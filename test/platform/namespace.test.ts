// The app creates its namespace on a Temporal server that lacks it (a fresh cluster), once.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureNamespace } from '../../platform/temporal';

let client: Client;
beforeAll(async () => {
  client = new Client({ connection: await Connection.connect({ address: inject('stack').temporalAddress }) });
});
afterAll(async () => client?.connection.close());

describe('ensureNamespace', () => {
  it('creates a missing namespace, then finds it', async () => {
    const namespace = `jalon-test-${randomUUID().slice(0, 8)}`;
    expect(await ensureNamespace(client, namespace)).toBe('created');
    expect(await ensureNamespace(client, namespace)).toBe('exists');
    const described = await client.connection.workflowService.describeNamespace({ namespace });
    expect(described.namespaceInfo?.name).toBe(namespace);
  });

  it('finds the default namespace; only its retention of closed histories is brought to the configured one, once', async () => {
    // The dev server creates `default` with its own retention (a day): the first call of the run sets it.
    expect(['exists', 'retention updated']).toContain(await ensureNamespace(client, 'default'));
    expect(await ensureNamespace(client, 'default')).toBe('exists');
    const described = await client.connection.workflowService.describeNamespace({ namespace: 'default' });
    expect(Number(described.config?.workflowExecutionRetentionTtl?.seconds)).toBe(30 * 86_400);
  });
});
