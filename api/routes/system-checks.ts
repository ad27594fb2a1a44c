// POST /system-checks starts the end-to-end check workflow (database, durable timer, email); GET reads
// its record and live status. Administrators only: the check sends an email to the address it is given
// and holds a workflow open for up to an hour, so nobody else may start one.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { systemCheck, systemCheckStatusQuery, systemCheckWorkflowId } from '../../workflows/system-check';
import type { AppDeps } from '../app';
import { ADMIN } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { idParams, notFound } from './common';

const startBody = z.strictObject({
  recipient: z.email(),
  delaySeconds: z.number().int().min(0).max(3600).default(0),
  requestedBy: z.string().min(1).max(200).optional().describe('Defaults to the calling staff member.'),
});

export function systemChecksRouter(registry: ApiRegistry, { db, temporal, config }: AppDeps) {
  return registry.router((add) => {
    add({
      method: 'post', path: '/system-checks', operationId: 'startSystemCheck', tag: 'Operations', roles: ADMIN,
      summary: 'Start the end-to-end check: a database write, a durable timer, then an email to the recipient',
      body: startBody,
      responses: { 202: { description: 'Started' } },
      handler: async ({ body, staff }) => {
        const id = randomUUID();
        await db.systemCheck.create({ data: { id, recipient: body.recipient, requestedBy: body.requestedBy ?? `staff:${staff.staffUserId}` } });
        await temporal.workflow.start(systemCheck, {
          taskQueue: config.taskQueue,
          workflowId: systemCheckWorkflowId(id),
          args: [{ checkId: id, delaySeconds: body.delaySeconds }],
        });
        return { status: 202, body: { id, status: 'started' }, headers: { Location: `/system-checks/${id}` } };
      },
    });

    add({
      method: 'get', path: '/system-checks/:id', operationId: 'getSystemCheck', tag: 'Operations', roles: ADMIN,
      summary: 'A system check: its record and the live status of its workflow',
      params: idParams,
      responses: { 200: { description: 'The check' }, 404: { description: 'No such check' } },
      handler: async ({ params }) => {
        const record = await db.systemCheck.findUnique({ where: { id: params.id } });
        if (!record) throw notFound('System check', params.id);
        let workflowStatus: string | undefined;
        try {
          workflowStatus = await temporal.workflow.getHandle(systemCheckWorkflowId(params.id)).query(systemCheckStatusQuery);
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
        return { status: 200, body: { ...record, workflowStatus } };
      },
    });
  });
}
