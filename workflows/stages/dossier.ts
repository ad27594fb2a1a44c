// 1. The application dossier: the five pieces arrive (stored by the API, signalled here); reminders on the
// referential's ladder, staff alerted at the last one, the dossier expires at the deadline.
import { dossierComplete, missingPieces, type AdmissionPieceKind } from '../../domain/rules';
import type { StageRun } from '../handlers';
import { system, type Journey } from '../journey-state';
import { journeyActivities as acts } from '../support';

export function dossierStage(j: Journey): StageRun {
  const pieces = new Set<string>();
  const missing = () => missingPieces(j.ref, [...pieces] as AdmissionPieceKind[]).map((p) => p.kind);
  const complete = () => dossierComplete(j.ref, [...pieces] as AdmissionPieceKind[]);
  return {
    handlers: {},
    onDossierPiece: (kind) => void pieces.add(kind),
    async run() {
      for (const kind of await acts.loadDossierPieceKinds(j.input.candidateId)) pieces.add(kind);
      const started = j.step().transition('journey_started', system, { route: j.input.route, blocks: j.blockCodes });
      const opened = (start: number) => ['dossier-opened', 'dossier_opened', j.candidate, { data: { missing: missing(), dueAtMs: j.dueOf('dossier', start) } }] as const;
      // The first email is written with the journey's start; journeys recorded before that queued it after
      // the start was written, if the pieces were still missing then.
      const withStart = j.inOneTransaction && !complete();
      let start = Date.now();
      if (withStart) started.email(...opened(start));
      await started.commit();
      if (withStart || !complete()) {
        if (!withStart) {
          start = Date.now();
          await j.mail.send(...opened(start));
        }
        const dossier = await j.wait('dossier', 'dossier', [{ role: 'candidate' }], 'dossier_pieces', complete, async (n, last) => {
          await j.mail.send(`dossier-reminder-${n}`, 'dossier_reminder', j.candidate, { data: { missing: missing(), dueAtMs: j.plannedDue('dossier', j.dueOf('dossier', start)) } });
          if (last) await j.alertStaff('dossier-staff-alert', 'dossier_incomplete_after_last_reminder')();
        }, start);
        if (dossier === 'deadline') {
          await j.mail.send('dossier-expired', 'dossier_expired', j.candidate, { data: { missing: missing() } });
          return { end: 'expired', reasonCode: 'dossier_deadline_passed' };
        }
      }
      await j.transition('dossier_complete', system);
      return { next: 'eligibility' };
    },
  };
}
