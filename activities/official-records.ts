// What the closing of a certification jury sets going in the official records: its procès-verbal (French,
// the legal language) is generated and kept. Called by the closeJury activity after the jury's row is
// closed, so the workflow's commands are unchanged; idempotent (a retried activity keeps the first file).
import type { ActivityDeps } from './deps';
import { ProcesVerbalUnavailable, procesVerbalOf } from './proces-verbal/index';

export async function onCertificationJuryClosed(deps: Pick<ActivityDeps, 'db' | 'clock'>, juryId: string): Promise<void> {
  const jury = await deps.db.jury.findUnique({ where: { id: juryId }, select: { kind: true, closedAt: true } });
  if (jury?.kind !== 'certification' || !jury.closedAt) return;
  try {
    await procesVerbalOf(deps.db, juryId, 'fr', deps.clock);
  } catch (error) {
    // A record that cannot give minutes must not hold the journey: staff get the reason from
    // GET /juries/{id}/proces-verbal.pdf, which generates on demand. Anything else (the database) is retried.
    if (!(error instanceof ProcesVerbalUnavailable)) throw error;
  }
}
