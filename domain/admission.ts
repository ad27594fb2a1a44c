/** Application dossier: which required pieces are still missing. */
import type { AdmissionPieceKind, Label } from './types';
import type { Referential } from './schemas/referential';

export function requiredPieces(ref: Referential): AdmissionPieceKind[] {
  return ref.admission.pieces.filter((p) => p.required).map((p) => p.kind);
}

/** Required pieces not among those provided, in the referential's order, with their labels. */
export function missingPieces(
  ref: Referential,
  provided: readonly AdmissionPieceKind[],
): { kind: AdmissionPieceKind; label: Label }[] {
  const have = new Set(provided);
  return ref.admission.pieces.filter((p) => p.required && !have.has(p.kind)).map(({ kind, label }) => ({ kind, label }));
}

export function dossierComplete(ref: Referential, provided: readonly AdmissionPieceKind[]): boolean {
  return missingPieces(ref, provided).length === 0;
}
