// The last kind of recipient: the certified person answers the 6-month survey from the link in their
// email. The journey runs on the time-skipping server (six months pass in milliseconds); the page is the
// real action-link app over the same Temporal client.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { addMonths, isoDateToMs } from '../../domain/index';
import { createLogger } from '../../platform/logger';
import * as journey from '../../workflows/journey-client';
import { messagesTo } from '../support/mailbox';
import { atCertificationJury, juryDecides, until, untilEvent, useJourneyHarness } from '../workflows/journey-harness';

const h = useJourneyHarness('follow-up-link');

describe('follow-up survey link', () => {
  it('records the certified person\'s answer once, from the emailed link', { timeout: 120_000 }, async () => {
    const { c, journeyId, jury } = await atCertificationJury(h, 13);
    await juryDecides(h, journeyId, jury.members.map((m) => m.id), 'award');

    const s = await untilEvent(h, journeyId, 'follow_up_started');
    const awardedOn = String(s.recentEvents.find((e) => e.action === 'follow_up_started')!.detail!.awardedOn);
    await h.env.sleep(isoDateToMs(addMonths(awardedOn, 6)) - isoDateToMs(awardedOn) + 86_400_000);
    await until(h, journeyId, (x) => x.recentEvents.some((e) => e.action === 'follow_up_survey_sent' && e.detail?.wave === 6), 'the 6-month survey');

    const app = createApp({
      db: h.db, temporal: h.env.client, log: createLogger({}, 'error', () => undefined), readiness: {},
      config: { taskQueue: h.taskQueue, publicBaseUrl: 'http://jalon.test' }, actionLinks: { csrfSecret: 's'.repeat(32) },
    });
    const survey = await (async () => {
      for (let i = 0; i < 100; i++) {
        for (const m of await messagesTo(h.stack.mailboxUrl, c.email)) {
          for (const match of m.text.matchAll(/https?:\/\/\S+?\/a\/[A-Za-z0-9_-]{43}/g)) {
            const path = new URL(match[0]).pathname;
            const page = await request(app).get(path);
            if (page.status === 200 && page.text.includes('name="employed"')) return { path, csrf: /name="csrf" value="([^"]+)"/.exec(page.text)![1]! };
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no survey link reached the candidate');
    })();

    const res = await request(app).post(survey.path).type('form').send({ csrf: survey.csrf, employed: 'yes', inTargetJob: 'yes', romeCode: 'M1707' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Décision enregistrée');
    const again = await request(app).post(survey.path).type('form').send({ csrf: survey.csrf, employed: 'no', inTargetJob: 'no' });
    expect(again.status).toBe(409);
    const answers = await h.db.followUpAnswer.findMany({ where: { candidateId: c.candidateId } });
    expect(answers.map((a) => [a.wave, a.employed, a.inTargetJob, a.romeCode])).toEqual([[6, true, true, 'M1707']]);
    const state = await journey.queryJourney(h.env.client, journeyId);
    expect(state.recentEvents.some((e) => e.action === 'follow_up_wave_answered')).toBe(true);
  });
});
