// POST /candidates/:id/journey/restart: a journey that stopped on an error (failed, terminated, timed
// out) goes on from its last good state, optionally without the decision it was given last. Administrators
// only: it rewrites where a candidate's journey stands.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { JourneyNotStopped, restartJourney } from '../../workflows/journey-recovery';
import type { AppDeps } from '../app';
import { ADMIN } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { loadCandidate } from './candidates';
import { idParams } from './common';

const restartBody = z.strictObject({
  reasonCode: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'a reason code such as wrong_reviewer_assigned'),
  undoLastDecision: z.boolean().default(false)
    .describe('true: restart from just before the last decision the journey accepted (that decision is dropped; staff make it again, correctly).'),
});

export function journeyRecoveryRouter(registry: ApiRegistry, { db, temporal }: AppDeps) {
  return registry.router((add) => {
    add({
      method: 'post', path: '/candidates/:id/journey/restart', operationId: 'restartJourney', tag: 'Candidates', roles: ADMIN,
      summary: 'Restart a journey that stopped on an error from its last good state (Temporal reset)',
      params: idParams,
      body: restartBody,
      responses: {
        200: { description: 'Restarted: the new run' },
        404: { description: 'No such candidate or no journey' },
        409: { description: 'The journey is running or finished normally: nothing to restart' },
      },
      handler: async ({ params, body, staff, idempotencyKey }) => {
        const { journeyId } = await loadCandidate(db, params.id);
        try {
          const restarted = await restartJourney(temporal, journeyId, {
            reason: `${body.reasonCode} (staff:${staff.staffUserId})`,
            requestId: idempotencyKey ?? randomUUID(),
            undoLastDecision: body.undoLastDecision,
          });
          return { status: 200, body: { journeyId, ...restarted, undoLastDecision: body.undoLastDecision } };
        } catch (error) {
          if (error instanceof JourneyNotStopped) throw new HttpProblem(409, 'Nothing to restart', error.message);
          if (error instanceof WorkflowNotFoundError) throw new HttpProblem(404, 'No journey', `Candidate ${params.id} has no journey: start it with POST /candidates/${params.id}/journey.`);
          throw error;
        }
      },
    });
  });
}
