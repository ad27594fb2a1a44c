// Dossier pieces sent as files: each file becomes the piece's next version (the earlier ones stay in
// the history), and DossierPiece points at the current one.
import type { Database } from '../platform/database';

export async function addPieceVersion(db: Database, candidateId: string, kind: string, fileId: string): Promise<number> {
  // Two uploads of one piece at once: the unique (candidate, kind, version) lets one win; the other retries.
  for (let attempt = 0; ; attempt++) {
    const last = await db.dossierPieceVersion.findFirst({ where: { candidateId, kind }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    try {
      await db.dossierPieceVersion.create({ data: { candidateId, kind, version, fileId } });
      return version;
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== 'P2002') throw error;
    }
  }
}

export interface PieceFile {
  kind: string;
  version: number;
  fileId: string;
  fileName: string;
  sizeBytes: number;
  mediaType: string;
  sentAt: Date;
}

/** Each piece's versions, newest first, for the candidate space and the reviewers' pages. */
export async function pieceHistory(db: Database, candidateId: string): Promise<Map<string, PieceFile[]>> {
  const rows = await db.dossierPieceVersion.findMany({ where: { candidateId }, include: { file: true }, orderBy: [{ kind: 'asc' }, { version: 'desc' }] });
  const byKind = new Map<string, PieceFile[]>();
  for (const r of rows) {
    const list = byKind.get(r.kind) ?? [];
    list.push({ kind: r.kind, version: r.version, fileId: r.fileId, fileName: r.file.fileName, sizeBytes: r.file.sizeBytes, mediaType: r.file.mediaType, sentAt: r.createdAt });
    byKind.set(r.kind, list);
  }
  return byKind;
}
