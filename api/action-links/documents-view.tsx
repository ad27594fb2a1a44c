// The documents a reviewer, assessor or jury member opens from their link page: the current version of
// each dossier piece, the thesis and every VAE evidence file for the certification jury, the work handed
// in for the assessor; each downloaded below the link's own path.
import { assessmentName, formatNumber, pieceName, vaeItemName, type Language } from '../../activities/wording/catalogue';
import { EVIDENCE } from '../../activities/wording/evidence';
import { PAGE } from '../../activities/wording/pages';
import { fileKindOf, shownFor } from '../../documents/evidence-kinds';
import { pieceHistory, type PieceFile } from '../../documents/pieces';
import type { Referential } from '../../domain/index';
import type { Database } from '../../platform/database';
import type { CaseData } from './summary';

/** Which link actions show the candidate's documents. */
const WITH_DOCUMENTS = new Set(['selection_review', 'interview_outcome', 'jury_decision', 'assessment_grade']);

export async function documentsForAction(db: Database, candidateId: string, action: string, subjectRef: string | null): Promise<PieceFile[] | undefined> {
  if (!WITH_DOCUMENTS.has(action)) return undefined;
  const history = await pieceHistory(db, candidateId);
  // A VAE item and an assessment's work may hold several files (all kept, all shown); a piece, its current version.
  const many = (kind: string) => ['vae', 'work'].includes(fileKindOf(kind).type);
  return [...history].filter(([kind]) => shownFor(action, subjectRef, kind)).flatMap(([kind, versions]) => (many(kind) ? versions : versions.slice(0, 1)));
}

/** A file's purpose in words: the piece, the thesis, the VAE item or the assessment and attempt. */
export function fileTitle(ref: Referential, kind: string, l: Language): string {
  const k = fileKindOf(kind);
  if (k.type === 'thesis') return EVIDENCE.thesisFile[l];
  if (k.type === 'vae') return EVIDENCE.vaeFile(vaeItemName(ref, k.item, l))[l];
  if (k.type === 'work') return EVIDENCE.workFile(assessmentName(ref, k.assessmentId, l), k.attempt)[l];
  return pieceName(ref, kind, l);
}

export const sizeOf = (bytes: number, l: Language) => (bytes >= 1024 * 1024 ? `${formatNumber(bytes / (1024 * 1024), l)} ${l === 'fr' ? 'Mo' : 'MB'}` : `${formatNumber(Math.max(1, bytes / 1024), l, 0)} ${l === 'fr' ? 'ko' : 'kB'}`);

export function CaseDocuments({ c, documents, base, language: l }: { c: CaseData; documents: PieceFile[]; base: string; language: Language }) {
  const order = (kind: string) => {
    const i = c.ref.admission.pieces.findIndex((p) => p.kind === kind);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  documents = [...documents].sort((a, b) => order(a.kind) - order(b.kind));
  const nameOf = (kind: string) => fileTitle(c.ref, kind, l);
  return (
    <>
      <h2>{PAGE.documentsTitle[l]}</h2>
      {documents.length === 0 ? <p>{PAGE.noDocuments[l]}</p> : (
        <>
          <p className="hint">{PAGE.documentsHint[l]}</p>
          <ul>
            {documents.map((d) => (
              <li key={d.fileId}>
                <a href={`${base}/documents/${d.fileId}`} download={d.fileName}>{PAGE.documentLine(nameOf(d.kind), d.fileName, sizeOf(d.sizeBytes, l))[l]}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="hint">{PAGE.documents[l]}</p>
    </>
  );
}
