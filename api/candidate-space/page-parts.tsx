// What the candidate's pages share: the response headers of a private page, and the honeypot field.
import type { RequestHandler } from 'express';
import { linkPageHeaders } from '../action-links/router';

/** No cache, no referrer to other sites, no framing, no script: the link pages' headers (the pages need none). */
export const privatePageHeaders: RequestHandler = linkPageHeaders;

/** Left empty by people (hidden from sight and from assistive technology); robots fill it. */
export function Honeypot() {
  return (
    <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px' }}>
      <label htmlFor="f-website">Website</label>
      <input type="text" id="f-website" name="website" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

export const honeypotFilled = (body: Record<string, unknown>) => typeof body.website === 'string' && body.website !== '';
