// What a VAE candidate must bring: evidence for every enrolled block, plus the in-depth work when they
// seek the whole title and the referential asks for it. Shared by the VAE stage, the space and the jury page.
import type { Referential } from './schemas/referential';

export const VAE_IN_DEPTH_WORK_ITEM = 'in_depth_work';

export function vaeEvidenceItems(ref: Referential, enrolledBlocks: readonly string[] | undefined): string[] {
  const full = !enrolledBlocks || enrolledBlocks.length === 0;
  const blocks = full ? ref.blocks.map((b) => b.code) : [...enrolledBlocks];
  return full && ref.completion.vae.inDepthWorkRequired ? [...blocks, VAE_IN_DEPTH_WORK_ITEM] : blocks;
}
