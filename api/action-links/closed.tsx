// D6: a link whose step closed before its holder answered (activities/mail/pending-decisions.ts reads it
// from the audit trail), shown as a page that says what was decided, when and by whom — no form, no code.
import type { ClosedStep, DecidedBy } from '../../activities/mail/pending-decisions';
import { SELECTION_REASONS, formatDateTime, label, labelled, type Language, type Words } from '../../activities/wording/catalogue';
import { FORM } from '../../activities/wording/forms';
import { CLOSED, STEP_NAMES } from '../../activities/wording/jury';
import { Facts, Notice } from './components';

const BY_WORDS: Record<DecidedBy, Words | undefined> = {
  you: CLOSED.byYou, another_reviewer: CLOSED.byAnotherReviewer, another_member: CLOSED.byAnotherMember, staff: CLOSED.byStaff, journey: CLOSED.byJourney, unknown: undefined,
};

/** What was decided, in words. */
export function decisionWords(c: ClosedStep, l: Language): string {
  const d = c.detail;
  switch (c.event) {
    case 'selection_decided': {
      const decision = d.decision === 'admissible' ? FORM.admissible[l] : FORM.notAdmissible[l];
      return typeof d.reasonCode === 'string' && d.reasonCode ? `${decision} (${labelled(CLOSED.reason[l], label(SELECTION_REASONS, d.reasonCode, l), l)})` : decision;
    }
    case 'interview_outcome':
      return (d.outcome === 'admitted' ? FORM.admitted : d.outcome === 'no_show' ? FORM.noShow : FORM.notAdmitted)[l];
    case 'certification_jury_decided':
      return CLOSED.juryOutcomes[String(d.outcome)]?.[l] ?? FORM.decision[l];
    case 'interview_slot_chosen':
      return CLOSED.slotChosen[l];
    case 'thesis_submitted':
      return CLOSED.thesisSubmitted[l];
    default:
      return CLOSED.journeyEnded[l];
  }
}

/** The body of the "closed" page: the same on GET and as the answer to a POST. */
export function ClosedStepView({ closed, language: l, queueHref }: { closed: ClosedStep; language: Language; queueHref?: string }) {
  const by = BY_WORDS[closed.by];
  return (
    <>
      <Notice kind="info" role="status">{(closed.by === 'you' ? CLOSED.textOwn : CLOSED.text)[l]}</Notice>
      <Facts
        rows={[
          [FORM.decision[l], labelled(STEP_NAMES[closed.step][l], decisionWords(closed, l), l)],
          [CLOSED.when[l], formatDateTime(closed.decidedAtMs, l)],
          [CLOSED.by[l], by?.[l]],
        ]}
      />
      {queueHref ? <p><a href={queueHref}>{CLOSED.queue[l]}</a></p> : null}
    </>
  );
}
