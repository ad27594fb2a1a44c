// The documents a reviewer or jury member opens from their link page: the current version of each
// dossier piece (and the thesis, for the certification jury), each downloaded below the link's own path.
import { formatNumber, pieceName, type Language } from '../../activities/wording/catalogue';
import { PAGE } from '../../activities/wording/pages';
import { pieceHistory, type PieceFile } from '../../documents/pieces';
import type { Database } from '../../platform/database';
import type { CaseData } from './summary';

/** Which link actions show the candidate's documents. */
const WITH_DOCUMENTS = new Set(['selection_review', 'interview_outcome', 'jury_decision']);

export async function documentsForAction(db: Database, candidateId: string, action: string): Promise<PieceFile[] | undefined> {
  if (!WITH_DOCUMENTS.has(action)) return undefined;
  const history = await pieceHistory(db, candidateId);
  return [...history.values()].map((versions) => versions[0]!).filter((v) => v.kind !== 'thesis' || action === 'jury_decision');
}

const sizeOf = (bytes: number, l: Language) => (bytes >= 1024 * 1024 ? `${formatNumber(bytes / (1024 * 1024), l)} ${l === 'fr' ? 'Mo' : 'MB'}` : `${formatNumber(Math.max(1, bytes / 1024), l, 0)} ${l === 'fr' ? 'ko' : 'kB'}`);

export function CaseDocuments({ c, documents, base, language: l }: { c: CaseData; documents: PieceFile[]; base: string; language: Language }) {
  const order = (kind: string) => {
    const i = c.ref.admission.pieces.findIndex((p) => p.kind === kind);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  documents = [...documents].sort((a, b) => order(a.kind) - order(b.kind));
  const nameOf = (kind: string) => (kind === 'thesis' ? (l === 'fr' ? 'Thèse professionnelle' : 'Professional thesis') : pieceName(c.ref, kind, l));
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
