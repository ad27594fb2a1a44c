// CSV import of a cohort's candidates: POST the file, get 202 and a job to follow; the job's counters
// move while it runs, and its lines (accepted or rejected, with reasons per column) are paginated.
import { z } from 'zod';
import { getReferential } from '../../domain/index';
import type { AppDeps } from '../app';
import { ADMISSIONS, ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { cursorAs, idParams, notFound, page, pageQuery } from './common';
import { CsvFileError, CSV_COLUMNS, parseCandidateCsv } from './import-csv';
import { runImport } from './import-runner';

const jobOut = z.object({
  id: z.uuid(), cohortId: z.uuid(), status: z.enum(['running', 'completed', 'failed']), total: z.number(), processed: z.number(),
  accepted: z.number(), rejected: z.number(), error: z.string().nullable(), createdAt: z.string(), finishedAt: z.string().nullable(),
  encoding: z.string().nullable().describe('How the file was read: UTF-8, UTF-8 (with BOM), UTF-16LE, Windows-1252, ...'),
});

export function importsRouter(registry: ApiRegistry, deps: AppDeps) {
  const { db } = deps;
  return registry.router((add) => {
    add({
      method: 'post', path: '/cohorts/:id/imports', operationId: 'importCandidates', tag: 'Imports', roles: ADMISSIONS,
      summary: `Import candidates from CSV (columns: ${CSV_COLUMNS.join(', ')}); runs in the background`,
      params: idParams,
      body: z.string().min(1, 'the CSV file is empty'),
      bodyType: 'csv',
      responses: { 202: { description: 'Import started; follow it at Location', schema: jobOut }, 404: { description: 'No such cohort' } },
      handler: async ({ params, body, bodyEncoding, staff }) => {
        const cohort = await db.cohort.findUnique({ where: { id: params.id } });
        if (!cohort) throw notFound('Cohort', params.id);
        let lines;
        try {
          lines = parseCandidateCsv(body, getReferential(cohort.referentialCode));
        } catch (error) {
          if (error instanceof CsvFileError) throw new HttpProblem(400, 'CSV file refused', `${error.message} Nothing was imported.`, { errors: [{ path: 'body', message: error.message }] });
          throw error;
        }
        const job = await db.candidateImport.create({ data: { cohortId: cohort.id, requestedBy: `staff:${staff.staffUserId}`, total: lines.length, encoding: bodyEncoding ?? null } });
        // In-process background run: the job row is the progress and the report. If the process stops
        // mid-way the job stays "running"; posting the file again finishes it without duplicates.
        void runImport({ db, temporal: deps.temporal, taskQueue: deps.config.taskQueue, log: deps.log }, { id: job.id, cohort }, lines);
        return { status: 202, body: presentJob(job), headers: { Location: `/imports/${job.id}` } };
      },
    });

    add({
      method: 'get', path: '/imports/:id', operationId: 'getImport', tag: 'Imports', roles: ANY_ROLE,
      summary: 'An import job: status and counters (processed, accepted, rejected), readable while it runs',
      params: idParams,
      responses: { 200: { description: 'The job', schema: jobOut }, 404: { description: 'No such import' } },
      handler: async ({ params }) => {
        const job = await db.candidateImport.findUnique({ where: { id: params.id } });
        if (!job) throw notFound('Import', params.id);
        return { status: 200, body: presentJob(job) };
      },
    });

    add({
      method: 'get', path: '/imports/:id/rows', operationId: 'getImportRows', tag: 'Imports', roles: ANY_ROLE,
      summary: 'The report of an import: one entry per CSV line (created, existing or rejected, with reasons per column)',
      params: idParams,
      query: z.strictObject({ ...pageQuery, status: z.enum(['created', 'existing', 'rejected']).optional() }),
      responses: { 200: { description: 'A page of lines' }, 404: { description: 'No such import' } },
      handler: async ({ params, query }) => {
        const job = await db.candidateImport.findUnique({ where: { id: params.id }, select: { id: true } });
        if (!job) throw notFound('Import', params.id);
        const after = query.cursor ? cursorAs.int(query.cursor) : 0;
        const rows = await db.candidateImportRow.findMany({
          where: { importId: job.id, line: { gt: after }, ...(query.status ? { status: query.status } : {}) },
          orderBy: { line: 'asc' },
          take: query.limit + 1,
          select: { line: true, externalRef: true, status: true, candidateId: true, reasons: true },
        });
        return { status: 200, body: page(rows, query.limit, (r) => String(r.line)) };
      },
    });
  });
}

function presentJob(job: { id: string; cohortId: string; status: string; total: number; processed: number; accepted: number; rejected: number; error: string | null; encoding: string | null; createdAt: Date; finishedAt: Date | null }) {
  return { ...job, createdAt: job.createdAt.toISOString(), finishedAt: job.finishedAt?.toISOString() ?? null };
}
