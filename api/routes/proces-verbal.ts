// The certification jury's minutes as staff download them: the PDF kept in the document store (generated when the jury closed,
// or now if it was not), French by default (the legal language), English with ?lang=en. The file's
// SHA-256, kept with it, is sent in X-Content-SHA256 and as the ETag.
import { z } from 'zod';
import { ProcesVerbalUnavailable, procesVerbalOf } from '../../activities/proces-verbal/index';
import type { AppDeps } from '../app';
import { ADMISSIONS_OR_JURY } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { idParams, notFound } from './common';

const STATUS_OF: Record<ProcesVerbalUnavailable['reason'], number> = { no_jury: 404, not_certification: 409, not_closed: 409, incomplete: 409 };

export function procesVerbalRouter(registry: ApiRegistry, { db, documents }: Pick<AppDeps, 'db' | 'documents'>) {
  return registry.router((add) => {
    add({
      method: 'get', path: '/juries/:id/proces-verbal.pdf', operationId: 'downloadProcesVerbal', tag: 'Official records', roles: ADMISSIONS_OR_JURY,
      summary: 'The certification jury\'s procès-verbal (PDF, French; ?lang=en for the English rendering), with its SHA-256 in X-Content-SHA256',
      params: idParams,
      query: z.strictObject({ lang: z.enum(['fr', 'en']).default('fr').describe('fr: the legal minutes (default); en: an English rendering.') }),
      responses: {
        200: { description: 'The PDF', contentType: 'application/pdf' },
        404: { description: 'No such jury' },
        409: { description: 'Not a certification jury, or not closed yet' },
      },
      handler: async ({ params, query, res }) => {
        const pv = await procesVerbalOf({ db, documents }, params.id, query.lang, () => new Date()).catch((error: unknown) => {
          if (!(error instanceof ProcesVerbalUnavailable)) throw error;
          if (error.reason === 'no_jury') throw notFound('Jury', params.id);
          throw new HttpProblem(STATUS_OF[error.reason], 'No procès-verbal for this jury', error.message);
        });
        res.status(200).type('application/pdf')
          .set('Content-Disposition', `attachment; filename="proces-verbal-${params.id}-${query.lang}.pdf"`)
          .set('X-Content-SHA256', pv.sha256)
          .set('ETag', `"${pv.sha256}"`)
          .send(pv.bytes);
      },
    });
  });
}
