import { describe, expect, it } from 'vitest';
import { ERASABLE_OUTCOMES, addYearsMs, endedOutcome, retentionCutoffMs, retentionVerdict } from '../../domain/retention';

const at = (iso: string) => Date.parse(iso);

describe('retention policy', () => {
  it('never erases a running or suspended journey', () => {
    for (const status of ['active', 'suspended']) expect(retentionVerdict(status, at('2020-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z'), 2)).toEqual({ kind: 'running' });
  });

  it('keeps certified holders, whatever the time', () => {
    for (const outcome of ['certified', 'blocks_awarded']) expect(retentionVerdict(`ended:${outcome}`, at('2000-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z'), 2)).toEqual({ kind: 'kept', because: 'certified' });
  });

  it('keeps an outcome it does not know rather than erase by mistake', () => {
    expect(retentionVerdict('ended:something_new', 0, at('2030-01-01T00:00:00Z'), 2)).toEqual({ kind: 'kept', because: 'unknown_outcome' });
    expect(retentionVerdict('ended', 0, at('2030-01-01T00:00:00Z'), 2)).toEqual({ kind: 'kept', because: 'unknown_outcome' });
  });

  it.each(ERASABLE_OUTCOMES.map((o) => [o]))('erases %s exactly N years after the last decision', (outcome) => {
    const last = at('2027-03-10T14:00:00Z');
    const due = at('2029-03-10T14:00:00Z');
    expect(retentionVerdict(`ended:${outcome}`, last, due - 1, 2)).toEqual({ kind: 'not_yet', dueAtMs: due });
    expect(retentionVerdict(`ended:${outcome}`, last, due, 2)).toEqual({ kind: 'due', dueAtMs: due });
    expect(retentionVerdict(`ended:${outcome}`, last, due, 3)).toEqual({ kind: 'not_yet', dueAtMs: at('2030-03-10T14:00:00Z') });
  });

  it('counts calendar years (29 February to 1 March) and gives the cut-off for the database', () => {
    expect(addYearsMs(at('2028-02-29T00:00:00Z'), 1)).toBe(at('2029-03-01T00:00:00Z'));
    expect(retentionCutoffMs(at('2030-06-01T03:00:00Z'), 2)).toBe(at('2028-06-01T03:00:00Z'));
    expect(endedOutcome('ended:withdrawn')).toBe('withdrawn');
    expect(endedOutcome('active')).toBeUndefined();
  });
});
