// Runs a CSV import in chunks: each accepted line becomes one Candidate row (one INSERT, so a line is
// all or nothing; ON CONFLICT on (cohortId, externalRef) makes a re-run add no duplicate), then its
// journey is started (or found). Progress and the per-line report are written after every chunk.
import type { Client } from '@temporalio/client';
import type { Database, Prisma } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { startJourney } from '../../workflows/journey-client';
import { journeyInputOf } from './candidate-input';
import type { ParsedLine } from './import-csv';

const CHUNK = 100;
const START_CONCURRENCY = 16;

interface RowResult {
  line: number;
  externalRef: string | null;
  status: 'created' | 'existing' | 'rejected';
  candidateId: string | null;
  reasons: { column: string; message: string }[];
}

export async function runImport(
  deps: { db: Database; temporal: Client; taskQueue: string; log: Logger },
  job: { id: string; cohort: { id: string; referentialCode: string; endsOn: Date | null } },
  lines: ParsedLine[],
): Promise<void> {
  const { db, log } = deps;
  try {
    for (let i = 0; i < lines.length; i += CHUNK) {
      const results = await importChunk(deps, job.cohort, lines.slice(i, i + CHUNK));
      await db.$transaction([
        db.candidateImportRow.createMany({ data: results.map((r) => ({ importId: job.id, ...r, reasons: r.reasons as Prisma.InputJsonValue })), skipDuplicates: true }),
        db.candidateImport.update({
          where: { id: job.id },
          data: {
            processed: { increment: results.length },
            accepted: { increment: results.filter((r) => r.status !== 'rejected').length },
            rejected: { increment: results.filter((r) => r.status === 'rejected').length },
          },
        }),
      ]);
    }
    await db.candidateImport.update({ where: { id: job.id }, data: { status: 'completed', finishedAt: new Date() } });
    log.info('candidate import completed', { importId: job.id, cohortId: job.cohort.id, lines: lines.length });
  } catch (error) {
    log.error('candidate import failed', { importId: job.id, error });
    await db.candidateImport
      .update({ where: { id: job.id }, data: { status: 'failed', error: `${(error as Error).message}. Lines already reported are imported; run the same file again to finish (no duplicates).`, finishedAt: new Date() } })
      .catch(() => undefined);
  }
}

async function importChunk(
  { db, temporal, taskQueue }: { db: Database; temporal: Client; taskQueue: string },
  cohort: { id: string; referentialCode: string; endsOn: Date | null },
  lines: ParsedLine[],
): Promise<RowResult[]> {
  const results = new Map<number, RowResult>();
  const valid = lines.filter((l): l is Extract<ParsedLine, { fields: unknown }> => 'fields' in l);
  for (const l of lines) if ('reasons' in l) results.set(l.line, { line: l.line, externalRef: l.externalRef ?? null, status: 'rejected', candidateId: null, reasons: l.reasons });

  // An email already used in this cohort under another reference is a different person or a typo: refuse.
  const taken = await db.candidate.findMany({
    where: { cohortId: cohort.id, email: { in: valid.map((l) => l.fields.email) } },
    select: { email: true, externalRef: true },
  });
  const accepted = valid.filter((l) => {
    const clash = taken.find((t) => t.email === l.fields.email && t.externalRef !== l.fields.externalRef);
    if (clash) {
      results.set(l.line, { line: l.line, externalRef: l.fields.externalRef, status: 'rejected', candidateId: null, reasons: [{ column: 'email', message: `already used in this cohort by external_ref ${clash.externalRef ?? '(none)'}` }] });
    }
    return !clash;
  });

  const refs = accepted.map((l) => l.fields.externalRef);
  const before = new Set((await db.candidate.findMany({ where: { cohortId: cohort.id, externalRef: { in: refs } }, select: { externalRef: true } })).map((c) => c.externalRef));
  await db.candidate.createMany({
    data: accepted.map(({ fields: f }) => ({
      cohortId: cohort.id, externalRef: f.externalRef, firstName: f.firstName, lastName: f.lastName, email: f.email, phone: f.phone ?? null,
      route: f.route, language: f.language, enrolledBlocks: f.enrolledBlocks ?? [],
      accommodations: (f.accommodations ?? {}) as Prisma.InputJsonValue, declaredProfile: (f.declaredProfile ?? {}) as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
  const rows = await db.candidate.findMany({ where: { cohortId: cohort.id, externalRef: { in: refs } } });
  const byRef = new Map(rows.map((r) => [r.externalRef, r]));

  const queue = [...accepted];
  await Promise.all(Array.from({ length: START_CONCURRENCY }, async () => {
    for (let l = queue.shift(); l; l = queue.shift()) {
      const candidate = byRef.get(l.fields.externalRef);
      if (!candidate) {
        // Skipped by the database: the address was taken in this cohort meanwhile (another import, the API).
        results.set(l.line, { line: l.line, externalRef: l.fields.externalRef, status: 'rejected', candidateId: null, reasons: [{ column: 'email', message: 'already used in this cohort (taken while this file was imported)' }] });
        continue;
      }
      const status = before.has(l.fields.externalRef) ? 'existing' : 'created';
      try {
        await startJourney(temporal, taskQueue, journeyInputOf(candidate, cohort));
        results.set(l.line, { line: l.line, externalRef: l.fields.externalRef, status, candidateId: candidate.id, reasons: [] });
      } catch (error) {
        // The candidate row stays (it is valid); a re-run of the file starts the journey.
        results.set(l.line, { line: l.line, externalRef: l.fields.externalRef, status, candidateId: candidate.id, reasons: [{ column: '*', message: `journey not started: ${(error as Error).message}; run the import again` }] });
      }
    }
  }));
  return [...results.values()].sort((a, b) => a.line - b.line);
}
