// A candidate who hands in evidence, for the staff pages that review it: a VAE candidate whose journey
// runs the evidence stage (started as its continue-as-new after admission starts it: the same carried
// state, nothing mocked), and files sent the way the candidate space keeps them (stored, then a version
// of their kind).
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { documentStoreOf } from '../../documents/index';
import { assessmentWorkKind, vaeEvidenceKind } from '../../documents/evidence-kinds';
import { addPieceVersion } from '../../documents/pieces';
import { storeFile } from '../../documents/store';
import type { Database } from '../../platform/database';
import { JOURNEY_WORKFLOW_TYPE } from '../../workflows/journey-client';
import { journeyWorkflowId, type JourneyArgs } from '../../workflows/messages';
import { pdf } from '../candidate-space/files';

export async function candidateOf(db: Database, route: 'vae' | 'student', lastName = 'Durand') {
  const cohort = await db.cohort.create({ data: { code: `EV-${randomUUID().slice(0, 8)}`, referentialCode: 'RNCP37332', label: 'Promotion 2026', startsOn: new Date('2026-09-01') } });
  return db.candidate.create({ data: { cohortId: cohort.id, firstName: 'Amélie', lastName, email: `${randomUUID()}@candidats.test`, route } });
}

/** A VAE candidate's journey at the evidence stage: the request email sent, every item awaited. */
export async function vaeJourneyAtEvidence(client: Client, taskQueue: string, candidate: { id: string; cohortId: string }): Promise<string> {
  const workflowId = journeyWorkflowId('RNCP37332', candidate.id);
  const args: JourneyArgs = {
    input: { referentialCode: 'RNCP37332', candidateId: candidate.id, cohortId: candidate.cohortId, route: 'vae' },
    carried: { stage: 'vae_evidence', version: 5, appliedDecisions: [], events: [] },
  };
  await client.workflow.start(JOURNEY_WORKFLOW_TYPE, { taskQueue, workflowId, args: [args] });
  return workflowId;
}

/** A file the candidate sent for a VAE item, an assessment attempt or a dossier piece; its bytes, to compare with a download. */
export async function sendFile(db: Database, candidateId: string, kind: { vae: string } | { assessmentId: string; attempt: number } | { piece: string }, fileName: string) {
  const bytes = pdf(`${fileName} ${randomUUID()}`);
  const stored = await storeFile(documentStoreOf(db), { fileName, bytes }, { ownerRef: `candidate:${candidateId}`, uploadedBy: `candidate:${candidateId}` });
  await addPieceVersion(db, candidateId, 'vae' in kind ? vaeEvidenceKind(kind.vae) : 'piece' in kind ? kind.piece : assessmentWorkKind(kind.assessmentId, kind.attempt), stored.id);
  return { fileId: stored.id, bytes };
}
