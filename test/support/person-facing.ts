// The shared check of person-facing text: no known code (piece, reason, route, block, stage, assessment
// id...) may reach an email or a page. Fails with the codes found.
import { expect } from 'vitest';
import { codesIn } from '../../activities/wording/catalogue';

export function expectNoCodes(...texts: string[]): void {
  const found = codesIn(texts.join('\n'));
  expect(found, `codes in a person-facing text: ${found.join(', ')}`).toEqual([]);
}

/** The visible text of a page's HTML (tags out, entities decoded enough for these checks). */
export function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
