// The case a recipient needs to act, read from the database (never from the workflow: a GET must not
// depend on, or touch, the journey): what this person needs for this action, in their language.
import { summariseInternship, vaeEvidenceItems } from '../../domain/index';
import type { ActionTokenRow } from '../../activities/mail/action-tokens';
import { candidateIdOfJourney } from '../../activities/mail/recipients';
import { currentDeadline } from '../../activities/mail/pending-decisions';
import {
  labelled, DEGREES, ELIGIBILITY, ROUTES, assessmentName, blockName, formatDateTime, formatGrade, formatNumber, label, pieceName, referentialOf, vaeItemName, type Language,
} from '../../activities/wording/catalogue';
import { EVIDENCE } from '../../activities/wording/evidence';
import { PAGE } from '../../activities/wording/pages';
import type { Database } from '../../platform/database';
import { Facts } from './components';
import { CaseDocuments, documentsForAction } from './documents-view';
import { WorkToGrade } from './work-view';
import { vaeStatusesOf } from '../candidate-space/evidence-view';

type Words = { fr: string; en: string };

/** Everything a case summary may show, loaded once per page. */
export async function loadCase(db: Database, row: ActionTokenRow, data: Record<string, unknown>) {
  const referentialCode = row.journeyId.split(':')[1];
  const ref = referentialOf(referentialCode);
  const candidateId = candidateIdOfJourney(row.journeyId);
  const candidate = candidateId
    ? await db.candidate.findUnique({ where: { id: candidateId }, include: { cohort: true, eligibility: true, pieces: { select: { kind: true } }, thesis: true } })
    : null;
  const present = candidate && !candidate.erasedAt ? candidate : null;
  const blockCodes = present ? (present.enrolledBlocks.length ? present.enrolledBlocks : ref.blocks.map((b) => b.code)) : ref.blocks.map((b) => b.code);
  const dueAtMs = await currentDeadline(db, row, data);
  let jury: Awaited<ReturnType<typeof juryEvidence>> | undefined;
  if (present && row.action === 'jury_decision') jury = await juryEvidence(db, row.journeyId, present.id, blockCodes, referentialCode);
  const documents = present ? await documentsForAction(db, present.id, row.action, row.subjectRef) : undefined;
  return { ref, referentialCode, candidate: present, blockCodes, data, row, jury, dueAtMs, documents };
}
export type CaseData = Awaited<ReturnType<typeof loadCase>>;

async function juryEvidence(db: Database, journeyId: string, candidateId: string, blockCodes: string[], referentialCode: string | undefined) {
  const ref = referentialOf(referentialCode);
  const results = await db.assessmentResult.findMany({ where: { candidateId }, orderBy: [{ assessmentCode: 'asc' }, { attempt: 'asc' }] });
  const periods = await db.internshipPeriod.findMany({ where: { candidateId, confirmedAt: { not: null } } });
  const vae = await vaeStatusesOf(db, journeyId);
  const blocks = blockCodes.map((code) => {
    const block = ref.blocks.find((b) => b.code === code);
    const assessments = (block?.assessments ?? []).map((a) => {
      const grades = results.filter((r) => r.assessmentCode === a.id).map((r) => Number(r.grade));
      const last = grades.at(-1);
      const pass = a.passMark ?? ref.grading.passMark;
      return { id: a.id, grades, passed: last !== undefined && last >= pass };
    });
    const status: 'validated' | 'failed' | 'in_progress' = assessments.every((a) => a.passed) ? 'validated' : assessments.some((a) => a.grades.length > 1 && !a.passed) ? 'failed' : 'in_progress';
    return { code, status, assessments };
  });
  const internship = summariseInternship(periods.map((p) => ({ start: p.startOn.toISOString().slice(0, 10), end: p.endOn.toISOString().slice(0, 10), fteRatio: Number(p.fteRatio) })), ref, ref.completion.nonVae.internshipMinFteMonths ?? 0);
  return { blocks, internship, vae };
}

/** `documentBase`: the link page's own path; each document is downloaded below it (scoped to the link). */
export function CaseSummary({ c, language: l, documentBase }: { c: CaseData; language: Language; documentBase?: string }) {
  const t = (x: Words) => x[l];
  const { candidate, ref, data, row } = c;
  const rows: [string, React.ReactNode][] = [];
  if (candidate) {
    rows.push([t(PAGE.candidate), `${candidate.firstName} ${candidate.lastName}`]);
    rows.push([t(PAGE.cohort), candidate.cohort.label]);
    rows.push([t(PAGE.route), label(ROUTES, candidate.route, l)]);
  }
  const due = c.dueAtMs;
  if (due !== undefined) rows.push([t(PAGE.dueBefore), formatDateTime(due, l)]);
  const slot = data.slot as { startsAtMs: number; durationMinutes: number; place?: string } | undefined;
  if (row.action === 'interview_outcome' && slot) rows.push([t(PAGE.interview), `${formatDateTime(slot.startsAtMs, l)}, ${slot.durationMinutes} minutes${slot.place ? ` – ${slot.place}` : ''}`]);
  if (row.action === 'assessment_grade' && typeof data.blockCode === 'string') {
    rows.push([t(PAGE.block), blockName(ref, data.blockCode, l)]);
    rows.push([t(PAGE.assessment), assessmentName(ref, String(data.assessmentId ?? row.subjectRef ?? ''), l)]);
    if (typeof data.attempt === 'number') rows.push([t(PAGE.attempt), t(EVIDENCE.attempt(data.attempt))]);
  }
  let extra: React.ReactNode = null;
  if (candidate && row.action === 'selection_review') extra = <ReviewerView c={c} language={l} />;
  if (c.jury) extra = <JuryView c={c} language={l} />;
  return (
    <>
      <h2>{t(PAGE.caseTitle)}</h2>
      <Facts rows={rows} />
      {extra}
      {row.action === 'assessment_grade' ? (
        <WorkToGrade documents={c.documents ?? []} assessmentId={String(data.assessmentId ?? row.subjectRef ?? '')} attempt={typeof data.attempt === 'number' ? data.attempt : 1} base={documentBase} language={l} />
      ) : c.documents && documentBase ? <CaseDocuments c={c} documents={c.documents} base={documentBase} language={l} /> : null}
      <p className="hint">{`${labelled(t(PAGE.linkValid), formatDateTime(row.expiresAt.getTime(), l), l)}.`}</p>
    </>
  );
}

function ReviewerView({ c, language: l }: { c: CaseData; language: Language }) {
  const t = (x: Words) => x[l];
  const candidate = c.candidate!;
  const profile = (candidate.declaredProfile ?? {}) as { degrees?: { kind?: string; title?: string }[]; experience?: { qualifyingYears?: number } };
  const degreeLabel = (kind?: string) => label(DEGREES, kind, l);
  const received = candidate.pieces.map((p) => p.kind);
  const missing = c.ref.admission.pieces.filter((p) => p.required && !received.includes(p.kind)).map((p) => p.label[l]);
  const reasons = ((candidate.eligibility?.reasons ?? []) as { fr?: string; en?: string }[]).map((r) => r[l]).filter((x): x is string => typeof x === 'string');
  return (
    <>
      <Facts
        rows={[
          [t(PAGE.degrees), (profile.degrees ?? []).map((d) => `${degreeLabel(d.kind)}${d.title ? ` (${d.title})` : ''}`).join(' ; ') || t(PAGE.none)],
          [t(PAGE.experience), t(PAGE.years(formatNumber(profile.experience?.qualifyingYears ?? 0, l)))],
          [t(PAGE.eligibility), candidate.eligibility ? label(ELIGIBILITY, candidate.eligibility.category, l) : undefined],
          [t(PAGE.piecesReceived), received.map((k) => pieceName(c.ref, k, l)).join(', ') || t(PAGE.none)],
          [t(PAGE.piecesMissing), missing.join(', ') || t(PAGE.none)],
        ]}
      />
      {reasons.length ? (
        <ul>
          {reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function JuryView({ c, language: l }: { c: CaseData; language: Language }) {
  const t = (x: Words) => x[l];
  const jury = c.jury!;
  const candidate = c.candidate!;
  const isVae = candidate.route === 'vae';
  const fullEnrolment = candidate.enrolledBlocks.length === 0;
  const statusWord = (s: string) => (s === 'validated' ? t(PAGE.validated) : s === 'failed' ? t(PAGE.failed) : t(PAGE.inProgress));
  const thesis = candidate.thesis;
  return (
    <>
      <h2>{t(PAGE.blocksTitle)}</h2>
      {isVae ? (
        <>
          <h3>{t(PAGE.vaeTitle)}</h3>
          <ul>
            {vaeEvidenceItems(c.ref, candidate.enrolledBlocks).map((item) => (
              <li key={item}>{labelled(vaeItemName(c.ref, item, l), t(PAGE.vaeStatus[jury.vae.get(item) ?? 'missing']!), l)}</li>
            ))}
          </ul>
        </>
      ) : (
        <table>
          <caption>{t(PAGE.blocksTitle)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(PAGE.block)}</th>
              <th scope="col">{t(PAGE.status)}</th>
              <th scope="col">{t(PAGE.grades)}</th>
            </tr>
          </thead>
          <tbody>
            {jury.blocks.map((b) => (
              <tr key={b.code}>
                <td>{blockName(c.ref, b.code, l)}</td>
                <td>{statusWord(b.status)}</td>
                <td>
                  <ul>
                    {b.assessments.map((a) => (
                      <li key={a.id}>{labelled(assessmentName(c.ref, a.id, l), a.grades.length ? a.grades.map((g) => formatGrade(g, c.ref.grading.scale, l)).join(' → ') : t(PAGE.noGrade), l)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t(PAGE.internshipTitle)}</h2>
      <p>
        {isVae
          ? t(PAGE.notRequiredVae)
          : !fullEnrolment
            ? t(PAGE.notRequiredBlocks)
            : t(PAGE.internshipTotal(formatNumber(jury.internship.fteMonths, l), formatNumber(c.ref.completion.nonVae.internshipMinFteMonths ?? 0, l)))}
      </p>
      <h2>{t(PAGE.thesisTitle)}</h2>
      <p>
        {isVae
          ? t(PAGE.notRequiredVae)
          : !fullEnrolment
            ? t(PAGE.notRequiredBlocks)
            : thesis?.validated === true
              ? t(PAGE.thesisValidated(formatGrade(Number(thesis.grade), c.ref.grading.scale, l)))
              : thesis?.validated === false
                ? t(PAGE.thesisNotValidated(formatGrade(Number(thesis.grade), c.ref.grading.scale, l)))
                : t(PAGE.thesisPending)}
      </p>
    </>
  );
}
