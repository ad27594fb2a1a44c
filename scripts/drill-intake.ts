// The drills' workload: N candidates created through the API, their five dossier pieces recorded
// (updates), a selection reviewer assigned, until each journey has emailed its reviewer and waits for the
// decision. Counts its calls so that a drill can inject its fault in the middle of the traffic.
import { randomUUID } from 'node:crypto';
import type { DrillClient } from './drill-client';

const PIECES = ['cv', 'transcripts', 'recommendation_letter', 'motivation_letter', 'professional_project'] as const;
/** Calls per journey: create, five pieces, a jury, the assignment. */
export const CALLS_PER_JOURNEY = 1 + PIECES.length + 2;

export interface IntakeJourney {
  candidateId: string;
  journeyId: string;
  email: string;
  reviewerEmail: string;
}

export class CallCounter {
  count = 0;
  private waiters: { at: number; resolve: () => void }[] = [];
  tick(): void {
    this.count++;
    this.waiters = this.waiters.filter((w) => (w.at <= this.count ? (w.resolve(), false) : true));
  }
  /** Resolves once `at` calls were issued. */
  reached(at: number): Promise<void> {
    return at <= this.count ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ at, resolve }));
  }
}

export async function createCohort(api: DrillClient, label: string): Promise<string> {
  const cohort = await api.call<{ id: string }>('POST', '/cohorts', {
    code: `DRILL-${label}-${randomUUID().slice(0, 6)}`.toUpperCase().replace(/[^A-Z0-9-]/g, '-'),
    referentialCode: 'RNCP37332', label: `Exercice de panne ${label}`, startsOn: '2027-09-01', endsOn: '2028-06-30',
  });
  return cohort.id;
}

/** One journey, from its creation to the reviewer's request. */
async function drive(api: DrillClient, cohortId: string, tag: string, i: number, calls: CallCounter): Promise<IntakeJourney> {
  const email = `cand-${tag}-${i}@drill.test`;
  const issue = async <T>(method: string, path: string, body?: unknown) => {
    const p = api.call<T>(method, path, body);
    calls.tick();
    return p;
  };
  const candidate = await issue<{ id: string; journey: { journeyId: string } }>('POST', '/candidates', {
    cohortId, externalRef: `${tag}-${i}`, firstName: 'Camille', lastName: `Exercice ${i}`, email, route: 'apprenticeship',
    declaredProfile: { degrees: [{ kind: 'management_master_cefdg' }], experience: { qualifyingYears: 0 }, vappValidated: false },
  });
  for (const kind of PIECES) await issue('POST', `/candidates/${candidate.id}/actions/record-piece`, { kind });
  for (let waited = 0; ; waited += 200) {
    const { journey } = await api.call<{ journey: { awaiting: { what: string }[] } | null }>('GET', `/candidates/${candidate.id}`);
    if (journey?.awaiting.some((a) => a.what === 'assign_selection_reviewers')) break;
    if (waited > 300_000) throw new Error(`journey of ${candidate.id} never reached the selection`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const reviewerEmail = `reviewer-${tag}-${i}@drill.test`;
  const jury = await issue<{ members: { id: string }[] }>('POST', `/candidates/${candidate.id}/juries`, {
    kind: 'selection', members: [{ name: 'Dominique Relecture', email: reviewerEmail, kind: 'school' }],
  });
  await issue('POST', `/candidates/${candidate.id}/actions/assign-selection-reviewers`, { memberIds: jury.members.map((m) => m.id) });
  return { candidateId: candidate.id, journeyId: candidate.journey.journeyId, email, reviewerEmail };
}

/** Runs `n` journeys, `concurrency` at a time. */
export async function runIntake(api: DrillClient, cohortId: string, tag: string, n: number, concurrency: number, calls: CallCounter): Promise<IntakeJourney[]> {
  const journeys: IntakeJourney[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) {
      const i = next++;
      journeys[i] = await drive(api, cohortId, tag, i, calls);
    }
  }));
  return journeys;
}
