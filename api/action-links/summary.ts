// The case summary a recipient needs to act, read from the database (never from the workflow: a GET
// must not depend on, or touch, the journey). Minimal: what this person needs for this action.
import { formatDateTime } from '../../activities/mail/format';
import { candidateIdOfJourney } from '../../activities/mail/recipients';
import type { ActionTokenRow } from '../../activities/mail/action-tokens';
import type { Database } from '../../platform/database';
import { bi, definitionList, e, type Bi } from './html';

export async function caseSummary(db: Database, row: ActionTokenRow): Promise<string> {
  const candidateId = candidateIdOfJourney(row.journeyId);
  const candidate = candidateId
    ? await db.candidate.findUnique({ where: { id: candidateId }, include: { cohort: true, eligibility: true, pieces: { select: { kind: true } }, thesis: true } })
    : null;
  const rows: [Bi, string][] = [];
  if (candidate && !candidate.erasedAt) {
    rows.push([bi('Candidat·e', 'Candidate'), `${candidate.firstName} ${candidate.lastName}`]);
    rows.push([bi('Promotion', 'Cohort'), `${candidate.cohort.label} (${candidate.cohort.code})`]);
    rows.push([bi('Voie d’accès', 'Access route'), candidate.route]);
  }
  rows.push([bi('À faire avant le', 'Due before'), `${formatDateTime(row.expiresAt.getTime(), 'fr')} / ${formatDateTime(row.expiresAt.getTime(), 'en')}`]);
  let extra = '';
  if (candidate && !candidate.erasedAt) {
    if (row.action === 'selection_review') {
      rows.push([bi('Pièces reçues', 'Pieces received'), candidate.pieces.map((p) => p.kind).sort().join(', ') || '—']);
      if (candidate.eligibility) rows.push([bi('Éligibilité', 'Eligibility'), candidate.eligibility.category]);
    }
    if (row.action === 'assessment_grade' && row.subjectRef) rows.push([bi('Évaluation', 'Assessment'), row.subjectRef]);
    if (row.action === 'jury_decision') extra = await juryEvidence(db, candidate.id, candidate.thesis);
  }
  return `<h2>${e('Dossier')} <span lang="en" class="en">/ Case</span></h2>${definitionList(rows)}${extra}`;
}

async function juryEvidence(db: Database, candidateId: string, thesis: { validated: boolean | null; grade: unknown } | null): Promise<string> {
  const results = await db.assessmentResult.findMany({ where: { candidateId }, orderBy: [{ blockCode: 'asc' }, { assessmentCode: 'asc' }, { attempt: 'asc' }] });
  const periods = await db.internshipPeriod.findMany({ where: { candidateId }, orderBy: { startOn: 'asc' } });
  const table = results.length
    ? `<table><caption>Résultats des évaluations <span lang="en" class="en">/ Assessment results</span></caption>
<thead><tr><th scope="col">Bloc / Block</th><th scope="col">Évaluation / Assessment</th><th scope="col">Tentative / Attempt</th><th scope="col">Note / Grade</th></tr></thead>
<tbody>${results.map((r) => `<tr><td>${e(r.blockCode)}</td><td>${e(r.assessmentCode)}</td><td>${r.attempt}</td><td>${e(String(r.grade))}/20</td></tr>`).join('')}</tbody></table>`
    : `<p>Aucune note enregistrée. <span lang="en" class="en">/ No grade recorded.</span></p>`;
  const internship = periods.length
    ? `<ul>${periods.map((p) => `<li>${e(p.startOn.toISOString().slice(0, 10))} → ${e(p.endOn.toISOString().slice(0, 10))}, ${Math.round(Number(p.fteRatio) * 100)} %${p.confirmedAt ? ' ✓' : ''}</li>`).join('')}</ul>`
    : '<p>Aucune période déclarée. <span lang="en" class="en">/ No period declared.</span></p>';
  const thesisText = thesis?.validated === true ? `validée / validated${thesis.grade ? ` (${String(thesis.grade)}/20)` : ''}` : thesis?.validated === false ? 'non validée / not validated' : 'en attente / pending';
  return `<h2>Blocs de compétences <span lang="en" class="en">/ Competency blocks</span></h2>${table}
<h2>Stage ou expérience <span lang="en" class="en">/ Internship or experience</span></h2>${internship}
<h2>Thèse professionnelle <span lang="en" class="en">/ Professional thesis</span></h2><p>${e(thesisText)}</p>`;
}
