// Staff read a candidate's documents: every dossier piece with its versions, and each file's bytes.
//   GET /candidates/:id/files                     every versioned file (pieces, thesis, VAE evidence, assessment work), newest first
//   GET /candidates/:id/documents/:fileId/content the file, as a download (audited: who read what)
// (GET /candidates/:id/documents is the dossier's received and missing pieces: api/routes/candidates.ts.)
import { z } from 'zod';
import { documentStoreOf } from '../../documents/index';
import { pieceHistory } from '../../documents/pieces';
import { openFile } from '../../documents/store';
import { sendStoredFile } from '../../documents/serve';
import type { AppDeps } from '../app';
import { ANY_ROLE } from '../auth/roles';
import type { ApiRegistry } from '../openapi/registry';
import { HttpProblem } from '../problem';
import { idParams } from './common';
import { loadCandidate } from './candidates';

const version = z.object({ version: z.number().int(), fileId: z.uuid(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sentAt: z.string() });
const listing = z.object({ pieces: z.array(z.object({ kind: z.string(), versions: z.array(version) })) });

export function documentsRouter(registry: ApiRegistry, deps: AppDeps) {
  const store = documentStoreOf(deps.db, deps.documents);
  return registry.router((add) => {
    add({
      method: 'get', path: '/candidates/:id/files', operationId: 'listCandidateDocuments', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'The candidate\'s files by kind (dossier pieces, thesis, vae:<item>, assessment:<id>:<attempt>), each with its versions (newest first)',
      params: idParams,
      responses: { 200: { description: 'The pieces and their versions', schema: listing }, 404: { description: 'No such candidate' } },
      handler: async ({ params }) => {
        const { candidate } = await loadCandidate(deps.db, params.id);
        const history = await pieceHistory(deps.db, candidate.id);
        const pieces = [...history].map(([kind, versions]) => ({ kind, versions: versions.map((v) => ({ version: v.version, fileId: v.fileId, fileName: v.fileName, mediaType: v.mediaType, sizeBytes: v.sizeBytes, sentAt: v.sentAt.toISOString() })) }));
        return { status: 200, body: { pieces } };
      },
    });
    add({
      method: 'get', path: '/candidates/:id/documents/:fileId/content', operationId: 'downloadCandidateDocument', tag: 'Candidates', roles: ANY_ROLE,
      summary: 'Download one of the candidate\'s files (Content-Disposition: attachment)',
      params: z.strictObject({ id: z.uuid(), fileId: z.uuid() }),
      responses: { 200: { description: 'The file', contentType: 'application/octet-stream' }, 404: { description: 'No such candidate or file' } },
      handler: async ({ params, res, staff }) => {
        const { candidate } = await loadCandidate(deps.db, params.id);
        const opened = await openFile(store, params.fileId);
        if (!opened || opened.file.ownerRef !== `candidate:${candidate.id}`) {
          throw new HttpProblem(404, 'No such document', `File ${params.fileId} is not one of this candidate's documents.`);
        }
        // Candidates' files are personal data: who read which one is kept, as for the reviewers' links.
        await deps.db.auditEvent.create({ data: { candidateId: candidate.id, actor: `staff:${staff.staffUserId}`, action: 'document.downloaded', after: { fileId: params.fileId } } });
        sendStoredFile(res, opened.file, opened.bytes);
      },
    });
  });
}
