// The certification jury's minutes as staff download them: the PDF kept in the document store (generated
// when the jury closed, or now if it was not), French by default (the legal language), English with
// ?lang=en. The file's SHA-256, kept with it, is sent in X-Content-SHA256 and as the ETag; the listing
// gives both files' hashes to the console.
import { z } from 'zod';
import { ProcesVerbalUnavailable, procesVerbalOf } from '../../activities/proces-verbal/index';
import type { AppDeps } from '../app';
import { ADMISSIONS_OR_JURY } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { idParams, notFound } from './common';

const STATUS_OF: Record<ProcesVerbalUnavailable['reason'], number> = { no_jury: 404, not_certification: 409, not_closed: 409, incomplete: 409 };

const fileOut = z.object({ language: z.enum(['fr', 'en']), sha256: z.string(), sizeBytes: z.number(), generatedAt: z.string(), href: z.string() });

export function procesVerbalRouter(registry: ApiRegistry, { db, documents }: Pick<AppDeps, 'db' | 'documents'>) {
  const kept = (juryId: string, language: 'fr' | 'en') => procesVerbalOf({ db, documents }, juryId, language, () => new Date()).catch((error: unknown) => {
    if (!(error instanceof ProcesVerbalUnavailable)) throw error;
    if (error.reason === 'no_jury') throw notFound('Jury', juryId);
    throw new HttpProblem(STATUS_OF[error.reason], 'No procès-verbal for this jury', error.message);
  });
  return registry.router((add) => {
    add({
      method: 'get', path: '/juries/:id/proces-verbal', operationId: 'getProcesVerbal', tag: 'Official records', roles: ADMISSIONS_OR_JURY,
      summary: 'The certification jury\'s procès-verbal files (French, and its English rendering): each one\'s SHA-256 and where to download it',
      params: idParams,
      responses: {
        200: { description: 'The files', schema: z.object({ juryId: z.string(), files: z.array(fileOut) }) },
        404: { description: 'No such jury' },
        409: { description: 'Not a certification jury, or not closed yet' },
      },
      handler: async ({ params }) => {
        const files = [];
        for (const language of ['fr', 'en'] as const) {
          const pv = await kept(params.id, language);
          files.push({ language, sha256: pv.sha256, sizeBytes: pv.bytes.length, generatedAt: pv.generatedAt.toISOString(), href: `/juries/${params.id}/proces-verbal.pdf?lang=${language}` });
        }
        return { status: 200, body: { juryId: params.id, files } };
      },
    });

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
        const pv = await kept(params.id, query.lang);
        res.status(200).type('application/pdf')
          .set('Content-Disposition', `attachment; filename="proces-verbal-${params.id}-${query.lang}.pdf"`)
          .set('X-Content-SHA256', pv.sha256)
          .set('ETag', `"${pv.sha256}"`)
          .send(pv.bytes);
      },
    });
  });
}
