// POST /system-checks starts the end-to-end check workflow; GET reads its record and live status.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { systemCheck, systemCheckStatusQuery, systemCheckWorkflowId } from '../../workflows/system-check';
import type { AppDeps } from '../app';
import { HttpProblem, parseInput } from '../problem';

const startBody = z.strictObject({
  recipient: z.email(),
  delaySeconds: z.number().int().min(0).max(3600).default(0),
  requestedBy: z.string().min(1).max(200).default('api'),
});
const idParams = z.strictObject({ id: z.uuid() });

export function systemChecksRouter({ db, temporal, config }: AppDeps): Router {
  const router = Router();

  router.post('/system-checks', async (req, res) => {
    const body = parseInput(startBody, req.body, 'body');
    const id = randomUUID();
    await db.systemCheck.create({ data: { id, recipient: body.recipient, requestedBy: body.requestedBy } });
    await temporal.workflow.start(systemCheck, {
      taskQueue: config.taskQueue,
      workflowId: systemCheckWorkflowId(id),
      args: [{ checkId: id, delaySeconds: body.delaySeconds }],
    });
    res.status(202).location(`/system-checks/${id}`).json({ id, status: 'started' });
  });

  router.get('/system-checks/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const record = await db.systemCheck.findUnique({ where: { id } });
    if (!record) throw new HttpProblem(404, 'System check not found', `No system check ${id}.`);
    let workflowStatus: string | undefined;
    try {
      workflowStatus = await temporal.workflow.getHandle(systemCheckWorkflowId(id)).query(systemCheckStatusQuery);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    res.json({ ...record, workflowStatus });
  });

  return router;
}
