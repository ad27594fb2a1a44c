// All activities, built over injected clients and registered by the worker.
import type { ActivityDeps } from './deps';
import { createBulkOperationActivities } from './bulk-operations';
import { createCpfActivities } from './cpf/activities';
import { createJourneyActivities } from './journey-activities';
import { createMailActivities } from './mail';
import { createQuotaReserveActivities } from './quota-reserve';
import { createRetentionActivities } from './retention';
import { createDigestActivities } from './mail/digest';
import { createSystemCheckActivities } from './system-check';
import { createTransitionActivities } from './transition-commit';

export type { ActivityDeps } from './deps';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSystemCheckActivities(deps),
    ...createMailActivities(deps),
    ...createDigestActivities(deps),
    ...createJourneyActivities(deps),
    ...createTransitionActivities(deps),
    ...createQuotaReserveActivities(deps),
    ...createBulkOperationActivities(deps),
    ...createCpfActivities(deps),
    ...createRetentionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
