// What the closing of a certification jury sets going in the official records: its procès-verbal (French,
// the legal language) is generated and kept, and an award starts its CPF declaration deadline. Called by
// the closeJury activity after the jury's row is closed, so the workflow's commands are unchanged;
// idempotent (a retried activity keeps the first file and finds the deadline workflow started).
import { log } from '@temporalio/activity';
import { startCpfDeadline } from './cpf/activities';
import type { ActivityDeps } from './deps';
import { ProcesVerbalUnavailable, procesVerbalOf } from './proces-verbal/index';

export async function onCertificationJuryClosed(deps: Pick<ActivityDeps, 'db' | 'clock' | 'documents'>, juryId: string): Promise<void> {
  const jury = await deps.db.jury.findUnique({
    where: { id: juryId },
    select: { kind: true, closedAt: true, outcome: true },
  });
  if (jury?.kind !== 'certification' || !jury.closedAt) return;
  try {
    await procesVerbalOf(deps, juryId, 'fr', deps.clock);
  } catch (error) {
    // A record that cannot give minutes must not hold the journey: staff get the reason from
    // GET /juries/{id}/proces-verbal.pdf, which generates on demand. Anything else (the database) is retried.
    if (!(error instanceof ProcesVerbalUnavailable)) throw error;
    log.warn('procès-verbal not generated at the jury\'s closing', { juryId, reason: error.reason });
  }
  if (jury.outcome === 'awarded') {
    await startCpfDeadline({ juryId, awardedAtMs: jury.closedAt.getTime() });
  }
}
