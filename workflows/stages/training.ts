// 6-7. Training: the enrolled competency blocks as child workflows (four at once, each with its assessors
// and timers), the internship and the thesis, all in parallel. The stage ends when every part is done.
import { startChild } from '@temporalio/workflow';
import { blockJourney, type BlockResult } from '../block';
import type { StageRun } from '../handlers';
import { system, type Journey } from '../journey-state';
import * as m from '../messages';
import { internshipPart } from './internship';
import { thesisPart } from './thesis';

export function trainingStage(j: Journey): StageRun {
  const internship = internshipPart(j);
  const thesis = thesisPart(j);

  async function blocks(): Promise<void> {
    for (const code of j.blockCodes) j.blocks.set(code, { code, status: 'in_progress' });
    const children = await Promise.all(
      j.blockCodes.map((code) => {
        const workflowId = m.blockWorkflowId(j.journeyId, code);
        j.blockWorkflowIds.set(code, workflowId);
        return startChild(blockJourney, {
          workflowId,
          args: [{
            journeyId: j.journeyId, candidateId: j.input.candidateId, referentialCode: j.input.referentialCode, blockCode: code,
            extraTimePercent: j.input.extraTimePercent, assessmentRetakes: j.policy.assessmentRetakes, suspended: j.suspended(),
          }],
        });
      }),
    );
    await Promise.all(
      children.map(async (child) => {
        const r: BlockResult = await child.result();
        j.blocks.set(r.blockCode, { code: r.blockCode, status: r.status });
        await j.transition('block_result', system, { blockCode: r.blockCode, status: r.status });
      }),
    );
    j.blockWorkflowIds.clear();
  }

  return {
    handlers: { ...internship.handlers, ...thesis.handlers },
    async run() {
      await j.transition('training_started', system);
      await Promise.all([blocks(), j.internshipRequired ? internship.follow() : undefined, j.thesisRequired ? thesis.follow() : undefined]);
      return { next: 'certification_jury' };
    },
  };
}
