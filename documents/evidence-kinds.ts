// What a candidate's versioned file is for. Besides the admission pieces (`cv`, ...) and the thesis
// (`thesis`), a candidate sends VAE evidence per item (a block, or the in-depth work) and the work of each
// attempt at an assessment. Each upload adds a version under its kind (documents/pieces.ts); earlier ones stay.
import { ADMISSION_PIECE_KINDS } from '../domain/index';

export const vaeEvidenceKind = (item: string) => `vae:${item}`;
export const assessmentWorkKind = (assessmentId: string, attempt: number) => `assessment:${assessmentId}:${attempt}`;

export type FileKind =
  | { type: 'piece'; piece: string }
  | { type: 'thesis' }
  | { type: 'vae'; item: string }
  | { type: 'work'; assessmentId: string; attempt: number }
  | { type: 'other' };

export function fileKindOf(kind: string): FileKind {
  if ((ADMISSION_PIECE_KINDS as readonly string[]).includes(kind)) return { type: 'piece', piece: kind };
  if (kind === 'thesis') return { type: 'thesis' };
  const vae = /^vae:(.+)$/.exec(kind);
  if (vae) return { type: 'vae', item: vae[1]! };
  const work = /^assessment:(.+):(\d+)$/.exec(kind);
  if (work) return { type: 'work', assessmentId: work[1]!, attempt: Number(work[2]) };
  return { type: 'other' };
}

/**
 * Which of the candidate's files a decision's page lists and serves: the reviewer and the interviewer
 * the dossier pieces; the certification jury everything the candidate sent; the assessor the work handed
 * in for their assessment (`subjectRef`), every attempt of it.
 */
export function shownFor(action: string, subjectRef: string | null, kind: string): boolean {
  const k = fileKindOf(kind);
  switch (action) {
    case 'selection_review':
    case 'interview_outcome':
      return k.type === 'piece';
    case 'jury_decision':
      return k.type !== 'other';
    case 'assessment_grade':
      return k.type === 'work' && k.assessmentId === subjectRef;
    default:
      return false;
  }
}
