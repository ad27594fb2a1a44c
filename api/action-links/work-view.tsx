// The assessor's "work to grade": the files the candidate handed in from their space for this assessment
// and attempt (newest first: the one to grade), or plainly that nothing was handed in yet.
import { formatDateTime, type Language } from '../../activities/wording/catalogue';
import { EVIDENCE } from '../../activities/wording/evidence';
import { PAGE } from '../../activities/wording/pages';
import { assessmentWorkKind } from '../../documents/evidence-kinds';
import type { PieceFile } from '../../documents/pieces';
import { sizeOf } from './documents-view';

export function WorkToGrade({ documents, assessmentId, attempt, base, language: l }: { documents: PieceFile[]; assessmentId: string; attempt: number; base?: string; language: Language }) {
  const files = documents.filter((d) => d.kind === assessmentWorkKind(assessmentId, attempt));
  return (
    <>
      <h2 id="work">{EVIDENCE.workTitlePage[l]}</h2>
      {files.length === 0 || !base ? <p>{EVIDENCE.workNothing[l]}</p> : (
        <>
          <p className="hint">{PAGE.documentsHint[l]}</p>
          <ul>
            {files.map((d) => (
              <li key={d.fileId}>
                <a href={`${base}/documents/${d.fileId}`} download={d.fileName}>{EVIDENCE.workLine(d.fileName, formatDateTime(d.sentAt.getTime(), l), sizeOf(d.sizeBytes, l))[l]}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
