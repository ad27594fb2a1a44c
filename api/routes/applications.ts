// Staff open and close online applications per cohort (the public page is /apply/:cohortCode).
//   GET /cohorts/:id/intake   whether the cohort takes applications, and its public page
//   PUT /cohorts/:id/intake   { open }
import { z } from 'zod';
import type { AppDeps } from '../app';
import { ADMISSIONS, ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { idParams } from './common';

const intake = z.object({ cohortId: z.uuid(), open: z.boolean(), applicationPage: z.string(), updatedAt: z.string().nullable() });

export function applicationsRouter(registry: ApiRegistry, deps: AppDeps) {
  const { db } = deps;
  const present = (cohort: { id: string; code: string }, row: { open: boolean; updatedAt: Date } | null) => ({
    cohortId: cohort.id, open: row?.open ?? false, updatedAt: row?.updatedAt.toISOString() ?? null,
    applicationPage: `${deps.config.publicBaseUrl.replace(/\/+$/, '')}/apply/${encodeURIComponent(cohort.code)}`,
  });
  const cohortOf = async (id: string) => {
    const cohort = await db.cohort.findUnique({ where: { id } });
    if (!cohort) throw new HttpProblem(404, 'No such cohort', `Cohort ${id} does not exist.`);
    return cohort;
  };
  return registry.router((add) => {
    add({
      method: 'get', path: '/cohorts/:id/intake', operationId: 'getCohortIntake', tag: 'Cohorts', roles: ANY_ROLE,
      summary: 'Whether the cohort takes online applications, and the address of its public application page',
      params: idParams,
      responses: { 200: { description: 'The intake', schema: intake }, 404: { description: 'No such cohort' } },
      handler: async ({ params }) => {
        const cohort = await cohortOf(params.id);
        return { status: 200, body: present(cohort, await db.cohortIntake.findUnique({ where: { cohortId: cohort.id } })) };
      },
    });
    add({
      method: 'put', path: '/cohorts/:id/intake', operationId: 'setCohortIntake', tag: 'Cohorts', roles: ADMISSIONS,
      summary: 'Open or close online applications for the cohort',
      params: idParams,
      body: z.strictObject({ open: z.boolean().describe('true: the public page takes applications; false: it says applications are closed') }),
      responses: { 200: { description: 'The intake', schema: intake }, 404: { description: 'No such cohort' } },
      handler: async ({ params, body, staff }) => {
        const cohort = await cohortOf(params.id);
        const now = new Date();
        const row = await db.cohortIntake.upsert({
          where: { cohortId: cohort.id },
          create: { cohortId: cohort.id, open: body.open, updatedAt: now, updatedBy: `staff:${staff.staffUserId}` },
          update: { open: body.open, updatedAt: now, updatedBy: `staff:${staff.staffUserId}` },
        });
        return { status: 200, body: present(cohort, row) };
      },
    });
  });
}
