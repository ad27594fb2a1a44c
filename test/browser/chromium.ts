// Debian's Chromium through playwright-core, and axe-core's serious or critical violations on a page:
// shared by the browser tests of the link pages and the jury queue.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run'],
  });
}

/** axe-core over the page (injected past the CSP, which forbids scripts): serious or critical only. */
export async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async () => {
    // Runs in the page (no DOM types in this project's tsconfig): the page's global axe over its document.
    const page = globalThis as unknown as { axe: typeof axe; document: Parameters<typeof axe.run>[0] };
    const r = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A full-page picture of what the person sees, under test/artifacts/pages/ (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(process.cwd(), 'test', 'artifacts', 'pages');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
