// The type, name and size checks of the document store, on real bytes of each kind and on impostors.
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, sanitiseFileName } from '../../documents/file-names';
import { detectFileType, zipEntryNames } from '../../documents/file-types';
import { checkFile, FileRefused } from '../../documents/store';
import { fileRefusalText } from '../../activities/wording/documents';
import { docx, executable, jpeg, pdf, png, windowsExecutable, zip } from './files';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof FileRefused) return error.reason;
    throw error;
  }
  return 'accepted';
};

describe('file types by content', () => {
  it('recognises PDF, PNG, JPEG and DOCX from their bytes', () => {
    expect(detectFileType(pdf())).toBe('pdf');
    expect(detectFileType(png())).toBe('png');
    expect(detectFileType(jpeg())).toBe('jpeg');
    expect(detectFileType(docx())).toBe('docx');
  });

  it('refuses executables, text, other ZIPs and truncated signatures', () => {
    expect(detectFileType(executable())).toBeUndefined();
    expect(detectFileType(windowsExecutable())).toBeUndefined();
    expect(detectFileType(Buffer.from('hello, world'))).toBeUndefined();
    expect(detectFileType(zip({ 'payload.exe': 'MZ' }))).toBeUndefined();
    expect(detectFileType(zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<x/>' }))).toBeUndefined();
    expect(detectFileType(Buffer.from('%PDF'))).toBeUndefined();
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e]))).toBeUndefined();
    expect(detectFileType(new Uint8Array())).toBeUndefined();
  });

  it('reads a ZIP central directory, and nothing from a damaged one', () => {
    expect(zipEntryNames(docx())).toEqual(['[Content_Types].xml', 'word/document.xml', '_rels/.rels']);
    const damaged = docx();
    damaged.writeUInt32LE(0xdeadbeef, damaged.length - 22 - 10); // inside the central directory
    expect(detectFileType(damaged.subarray(0, damaged.length - 5))).toBeUndefined();
  });
});

describe('file names', () => {
  it('keeps a readable name with the extension of what the file is', () => {
    expect(sanitiseFileName('CV Inès Bernard.pdf', 'pdf')).toBe('CV Inès Bernard.pdf');
    expect(sanitiseFileName('programme.exe', 'pdf')).toBe('programme.pdf');
    expect(sanitiseFileName('lettre.docx', 'docx')).toBe('lettre.docx');
    expect(sanitiseFileName('photo.jpeg', 'jpeg')).toBe('photo.jpg');
  });

  it('drops folders, control, bidi and reserved characters, leading dots, and overlong names', () => {
    expect(sanitiseFileName('C:\\Users\\x\\cv.pdf', 'pdf')).toBe('cv.pdf');
    expect(sanitiseFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('cv\u202egnp.pdf', 'pdf')).toBe('cvgnp.pdf');
    expect(sanitiseFileName('a\u0000b\nc<>:"|?*.pdf', 'pdf')).toBe('abc.pdf');
    expect(sanitiseFileName('...hidden.pdf', 'pdf')).toBe('hidden.pdf');
    expect(sanitiseFileName('.pdf', 'pdf')).toBe('document.pdf');
    expect(sanitiseFileName(`${'x'.repeat(300)}.pdf`, 'pdf')).toBe(`${'x'.repeat(120)}.pdf`);
  });

  it('offers the name on download as an attachment, ASCII and UTF-8', () => {
    expect(attachmentDisposition('CV Inès "B".pdf')).toBe('attachment; filename="CV Ines _B_.pdf"; filename*=UTF-8\'\'CV%20In%C3%A8s%20%22B%22.pdf');
  });
});

describe('checks before anything is stored', () => {
  const max = 10 * 1024 * 1024;
  it('refuses each bad file with its own reason, in words', () => {
    expect(refusal(() => checkFile({ fileName: 'cv.pdf', bytes: executable() }, max))).toBe('type');
    expect(refusal(() => checkFile({ fileName: 'cv.pdf', bytes: new Uint8Array() }, max))).toBe('empty');
    expect(refusal(() => checkFile({ fileName: '', bytes: new Uint8Array() }, max))).toBe('missing');
    expect(refusal(() => checkFile({ fileName: 'cv.pdf', bytes: new Uint8Array(), truncated: true }, max))).toBe('too_large');
    expect(refusal(() => checkFile({ fileName: 'cv.pdf', bytes: Buffer.concat([pdf(), Buffer.alloc(max)]) }, max))).toBe('too_large');
    expect(refusal(() => checkFile({ fileName: '../cv.pdf', bytes: pdf() }, max))).toBe('name');
    expect(refusal(() => checkFile({ fileName: 'a/b.pdf', bytes: pdf() }, max))).toBe('name');
    expect(refusal(() => checkFile({ fileName: 'a\\b.pdf', bytes: pdf() }, max))).toBe('name');
    expect(checkFile({ fileName: 'cv..final.pdf', bytes: pdf() }, max)).toMatchObject({ type: 'pdf', fileName: 'cv..final.pdf' });
    for (const reason of ['empty', 'too_large', 'type', 'name', 'missing'] as const) {
      const text = fileRefusalText(reason, max);
      expect(text.fr.length).toBeGreaterThan(20);
      expect(text.en.length).toBeGreaterThan(20);
    }
    expect(fileRefusalText('too_large', max).fr).toContain('10 Mo');
  });
});
