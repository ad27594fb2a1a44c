// Writes the procès-verbal as PDF with pdfkit. The same record gives the same bytes: the document's dates
// (and so the file ID pdfkit derives from them) are the jury's closing time, the fonts are the standard
// ones (nothing embedded, no random subset tag), and nothing reads the clock.
import PDFDocument from 'pdfkit';
import { getReferential, pvAward, pvBlocks, pvReservations, voteTally, type ProcesVerbalRecord } from '../../domain/index';
import { blockName, formatDate, formatDateTime, formatIsoDate, type Language } from '../wording/catalogue';
import { BLOCK_STATUS_WORDS, MEMBER_QUALITY, PV_WORDS, VOTE_WORDS, decisionWords, tallyWords } from '../wording/proces-verbal';

const MARGIN = 56;
const FOOTER_Y = 800;

// The standard fonts speak WinAnsi: the narrow no-break space of French number and date formats is not in
// it (it would print as a stray glyph), the no-break space is.
const winAnsi = (s: string) => s.replace(/\u202f/g, '\u00a0');

export function renderProcesVerbal(r: ProcesVerbalRecord, l: Language): Promise<Buffer> {
  const ref = getReferential(r.referentialCode);
  const t = (x: { fr: string; en: string }) => x[l];
  const when = new Date(r.closedAtMs);
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true, compress: true, lang: l === 'fr' ? 'fr-FR' : 'en-GB', displayTitle: true,
    info: { Title: `${t(PV_WORDS.title)} – ${ref.code}`, Author: ref.certifier.name, Subject: ref.title[l], Creator: 'Jalon', Producer: 'Jalon (pdfkit)', CreationDate: when, ModDate: when },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(winAnsi(text)).moveDown(0.3).font('Helvetica').fontSize(10);
  const line = (text: string, opts: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsi(text), opts);
  const colon = l === 'fr' ? ' : ' : ': ';
  const quote = (text: string) => (l === 'fr' ? `« ${text} »` : `“${text}”`);
  const fact = (label: string, value: string) => {
    doc.font('Helvetica-Bold').text(winAnsi(`${label}${colon}`), { continued: true }).font('Helvetica').text(winAnsi(value));
  };

  doc.font('Helvetica-Bold').fontSize(16).text(winAnsi(t(PV_WORDS.title)), { align: 'center' });
  if (l === 'en') doc.moveDown(0.3).font('Helvetica-Oblique').fontSize(9).text(PV_WORDS.englishRendering.en, { align: 'center' });
  doc.moveDown(1).font('Helvetica').fontSize(10);
  fact(t(PV_WORDS.certification), ref.title[l]);
  fact(t(PV_WORDS.rncpCode), ref.code);
  fact(t(PV_WORDS.certifier), ref.certifier.name);
  fact(t(PV_WORDS.sittingOn), formatIsoDate(r.sittingOn, l));
  fact(t(PV_WORDS.closedAt), formatDateTime(r.closedAtMs, l));
  fact(t(PV_WORDS.juryRef), r.juryId);

  heading(t(PV_WORDS.members));
  for (const m of r.members) {
    const quality = `${t(MEMBER_QUALITY[m.kind])}, ${t(m.inActivity ? MEMBER_QUALITY.inActivity : MEMBER_QUALITY.notInActivity)}`;
    line(`• ${m.name} – ${t(PV_WORDS.quality).toLowerCase()}${colon}${quality}`);
  }
  doc.moveDown(0.5);
  line(t(PV_WORDS.impartiality), { align: 'justify' });

  const nameOf = (memberId: string) => r.members.find((m) => m.memberId === memberId)?.name ?? memberId;
  for (const c of r.candidates) {
    heading(`${t(PV_WORDS.candidate)}${colon}${c.name}`);
    doc.font('Helvetica-Bold').text(winAnsi(t(PV_WORDS.blocks))).font('Helvetica');
    for (const b of pvBlocks(c, ref)) line(`• ${blockName(ref, b.code, l)}${colon}${t(BLOCK_STATUS_WORDS[b.status])}`, { indent: 10 });
    doc.moveDown(0.4).font('Helvetica-Bold').text(winAnsi(t(PV_WORDS.vote))).font('Helvetica');
    for (const m of r.members) {
      const vote = c.votes.find((v) => v.memberId === m.memberId);
      line(`• ${m.name}${colon}${vote ? t(VOTE_WORDS[vote.decision]) : '—'}`, { indent: 10 });
    }
    fact(t(PV_WORDS.tally), t(tallyWords(voteTally(c, r.members))));
    doc.moveDown(0.4);
    fact(t(PV_WORDS.decision), t(decisionWords(c.outcome, pvAward(c, ref))));
    doc.moveDown(0.4).font('Helvetica-Bold').text(winAnsi(t(PV_WORDS.reservations))).font('Helvetica');
    const reservations = pvReservations(c, r.members);
    if (reservations.length === 0) line(t(PV_WORDS.noReservation), { indent: 10 });
    for (const x of reservations) line(`• ${nameOf(x.memberId)}${colon}${quote(x.text)}`, { indent: 10 });
  }

  heading(t(PV_WORDS.signatures));
  for (const m of r.members) {
    if (doc.y > FOOTER_Y - 60) doc.addPage();
    line(`${m.name}`);
    doc.moveDown(1.6);
  }
  line(`${formatDate(r.closedAtMs, l)}. ${t(PV_WORDS.fingerprint)}`, { align: 'left' });

  // "Page n / N" on every page, once the page count is known (pages are buffered).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    doc.font('Helvetica').fontSize(8).text(`${ref.code} – ${t(PV_WORDS.title)} – ${t(PV_WORDS.page)} ${i + 1} / ${range.count}`, MARGIN, FOOTER_Y + 10, { align: 'center', width: doc.page.width - 2 * MARGIN });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
