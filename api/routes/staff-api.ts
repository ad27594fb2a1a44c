// The staff API: every router declared through one registry (auth, validation, idempotency, OpenAPI).
import type { Router } from 'express';
import type { AppDeps } from '../app';
import { sessionOptionsOf } from '../auth/sessions';
import { limiterFactory } from '../rate-limit-store';
import { ApiRegistry } from '../openapi/registry';
import { openApiRouter } from '../openapi/route';
import { actionsRouter } from './actions';
import { applicationsRouter } from './applications';
import { bulkOperationsRouter } from './bulk-operations';
import { candidatesRouter } from './candidates';
import { cohortsRouter } from './cohorts';
import { dashboardsRouter } from './dashboards';
import { declarationsRouter } from './declarations';
import { candidateEvidenceRouter } from './candidate-evidence';
import { documentsRouter } from './documents';
import { importsRouter } from './imports';
import { journeyRecoveryRouter } from './journey-recovery';
import { juriesRouter } from './juries';
import { peopleRouter } from './people';
import { procesVerbalRouter } from './proces-verbal';
import { quotaReserveRouter } from './quota-reserve';
import { staffRouter } from './staff';
import { systemChecksRouter } from './system-checks';

export function staffApiRouters(deps: AppDeps): { registry: ApiRegistry; routers: Router[] } {
  const registry = new ApiRegistry(deps.db, {
    sessions: sessionOptionsOf(deps), publicBaseUrl: deps.config.publicBaseUrl,
    failedAuth: deps.staffApi?.failedAuth, apiKeyCache: deps.staffApi?.apiKeyCache, limiter: limiterFactory(deps), log: deps.log,
  });
  const routers = [
    cohortsRouter(registry, deps.db, deps.temporal),
    quotaReserveRouter(registry, deps),
    candidatesRouter(registry, deps),
    importsRouter(registry, deps),
    juriesRouter(registry, deps.db),
    procesVerbalRouter(registry, deps),
    peopleRouter(registry, deps),
    declarationsRouter(registry, deps),
    actionsRouter(registry, deps),
    documentsRouter(registry, deps),
    candidateEvidenceRouter(registry, deps),
    applicationsRouter(registry, deps),
    bulkOperationsRouter(registry, deps),
    journeyRecoveryRouter(registry, deps),
    dashboardsRouter(registry, deps),
    staffRouter(registry, deps),
    systemChecksRouter(registry, deps),
  ];
  routers.push(openApiRouter(registry, deps.config.publicBaseUrl));
  return { registry, routers };
}
