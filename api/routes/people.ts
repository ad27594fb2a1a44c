// Personal data rights (GDPR), for staff:
//   GET  /people/:id/export    everything Jalon holds about the person, as one zip (JSON + files)
//   POST /people/:id/erasure   erase the person, with the legal reason; repeated, answers the same record
// ":id" is the candidate's id. Both are audited (the export as a disclosure, the erasure with its record).
import { z } from 'zod';
import { documentStoreOf } from '../../documents/index';
import { buildPersonExport } from '../../privacy/export-archive';
import { ErasureRefused, erasePerson } from '../../privacy/erasure';
import { JourneyStillRunning } from '../../privacy/end-journeys';
import { PersonNotFound } from '../../privacy/person-data';
import type { AppDeps } from '../app';
import { ADMIN, ADMISSIONS } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { displayText, idParams, notFound } from './common';

export const erasureBody = z.strictObject({
  reason: displayText(1000).refine((v) => v.split(/\s+/).length >= 3, 'say the legal ground in a few words (at least 3), e.g. "demande de la personne, art. 17 RGPD"')
    .describe('The legal ground of the erasure, in words (kept in the audit trail: do not name the person).'),
});

const kept = z.object({ what: z.string(), fr: z.string(), en: z.string() });
const erasureRecord = z.object({
  candidateId: z.uuid(), erasedAt: z.string(), by: z.string(), reason: z.string(), certifiedHolder: z.boolean(),
  journeysEnded: z.array(z.string()), removed: z.record(z.string(), z.number()), anonymised: z.record(z.string(), z.number()),
  filesRemoved: z.number(), mailboxCopiesRemoved: z.number(), kept: z.array(kept),
});
const erasureReply = z.object({ alreadyErased: z.boolean(), record: erasureRecord });

export function peopleRouter(registry: ApiRegistry, deps: AppDeps) {
  const store = documentStoreOf(deps.db, deps.documents);
  return registry.router((add) => {
    add({
      method: 'get', path: '/people/:id/export', operationId: 'exportPersonalData', tag: 'Personal data', roles: ADMISSIONS,
      summary: 'Everything Jalon holds about the person (a candidate id), as one zip: data/<table>.json, files/, manifest.json',
      params: idParams,
      responses: { 200: { description: 'The zip archive', contentType: 'application/zip' }, 404: { description: 'No such person' } },
      handler: async ({ params, staff, res }) => {
        const built = await buildPersonExport(store, params.id, new Date()).catch((error: unknown) => {
          if (error instanceof PersonNotFound) throw notFound('Person', params.id);
          throw error;
        });
        await deps.db.auditEvent.create({ data: { candidateId: params.id, actor: `staff:${staff.staffUserId}`, action: 'person.exported', after: { files: built.manifest.files.length, tables: built.manifest.tables } } });
        res.status(200).type('application/zip').set('Content-Disposition', `attachment; filename="${built.fileName}"`).send(Buffer.from(built.zip));
      },
    });
    add({
      method: 'post', path: '/people/:id/erasure', operationId: 'erasePersonalData', tag: 'Personal data', roles: ADMIN,
      summary: 'Erase the person (a candidate id): running journeys end, their data is removed or anonymised, what the law requires is kept and listed',
      params: idParams,
      body: erasureBody,
      responses: {
        201: { description: 'Erased: the record (what was removed, anonymised and kept, and why)', schema: erasureReply },
        200: { description: 'Already erased: the record of that erasure', schema: erasureReply },
        404: { description: 'No such person' },
        409: { description: 'A journey of the person did not end in time: retry in a minute' },
        422: { description: 'The reason names the person' },
      },
      handler: async ({ params, body, staff }) => {
        try {
          const { record, alreadyErased } = await erasePerson(
            { db: deps.db, blobs: store.blobs, mailboxDir: deps.privacy?.mailboxDir, temporal: deps.temporal },
            { candidateId: params.id, reason: body.reason, by: `staff:${staff.staffUserId}`, actor: { kind: 'staff', staffId: staff.staffUserId } },
          );
          const { fileHashes: _hashes, ...shown } = record;
          return { status: alreadyErased ? 200 : 201, body: { alreadyErased, record: shown } };
        } catch (error) {
          if (error instanceof PersonNotFound) throw notFound('Person', params.id);
          if (error instanceof ErasureRefused) throw new HttpProblem(error.code === 'journey_running' ? 409 : 422, 'Erasure refused', error.message, { errors: [{ path: 'body.reason', message: error.message }] });
          if (error instanceof JourneyStillRunning) throw new HttpProblem(409, 'Journey still ending', error.message);
          throw error;
        }
      },
    });
  });
}
