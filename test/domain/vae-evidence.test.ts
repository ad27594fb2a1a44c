// #5: what a VAE candidate must bring, shared by the VAE stage, the candidate space and the jury page.
import { describe, expect, it } from 'vitest';
import { rncp37332, vaeEvidenceItems } from '../../domain';

describe('#5 vaeEvidenceItems', () => {
  it('the whole title: every block, then the in-depth work', () => {
    expect(vaeEvidenceItems(rncp37332, [])).toEqual(['BC01', 'BC02', 'BC03', 'BC04', 'in_depth_work']);
    expect(vaeEvidenceItems(rncp37332, undefined)).toEqual(['BC01', 'BC02', 'BC03', 'BC04', 'in_depth_work']);
  });
  it('some blocks only: those blocks, no in-depth work', () => {
    expect(vaeEvidenceItems(rncp37332, ['BC03', 'BC01'])).toEqual(['BC03', 'BC01']);
  });
  it('no in-depth work when the referential does not ask for it', () => {
    const ref = { ...rncp37332, completion: { ...rncp37332.completion, vae: { ...rncp37332.completion.vae, inDepthWorkRequired: false } } };
    expect(vaeEvidenceItems(ref, [])).toEqual(['BC01', 'BC02', 'BC03', 'BC04']);
  });
});
