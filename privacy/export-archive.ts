// The export of a person's data as one zip archive: every row as JSON (data/<table>.json, the table names
// of PostgreSQL), every file of theirs (files/), the procès-verbal of their juries, and a manifest with
// each file's SHA-256. Built in memory: a person's files are bounded by the upload limit and their count.
import { zipSync, strToU8 } from 'fflate';
import { procesVerbalStore } from '../activities/proces-verbal/store';
import type { DocumentStore } from '../documents/store';
import { collectPersonData, type PersonData } from './person-data';

export interface ExportFile {
  path: string;
  sha256: string;
  sizeBytes: number;
}

export interface PersonExport {
  zip: Uint8Array;
  fileName: string;
  manifest: { candidateId: string; generatedAt: string; tables: Record<string, number>; files: ExportFile[] };
}

const README = `Export de vos données personnelles / Export of your personal data — Jalon

FR — Cette archive contient tout ce que Jalon conserve à votre sujet : data/<table>.json (une ligne par
enregistrement : candidature, dossier, décisions, historique, e-mails envoyés avec leur contenu,
métadonnées des documents), files/ (vos documents et les procès-verbaux de vos jurys), et manifest.json
(le nombre de lignes par table et l'empreinte SHA-256 de chaque fichier). Les secrets (empreintes des liens
et des sessions) n'y figurent pas. Questions : écrivez à l'équipe des admissions.

EN — This archive holds everything Jalon keeps about you: data/<table>.json (one entry per record:
application, dossier, decisions, history, emails sent with their content, documents' metadata), files/
(your documents and your juries' minutes), and manifest.json (rows per table and each file's SHA-256).
Secrets (hashes of links and sessions) are not included. Questions: write to the admissions team.
`;

/** JSON-safe: BigInt ids and Decimal grades as strings, bytes left out (the files are in files/). */
const json = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? undefined : v), 2);

export async function buildPersonExport(store: Pick<DocumentStore, 'db' | 'blobs'>, candidateId: string, now: Date): Promise<PersonExport> {
  const data = await collectPersonData(store.db, candidateId);
  const entries: Record<string, Uint8Array> = { 'README.txt': strToU8(README) };
  for (const [table, rows] of Object.entries(data.tables)) entries[`data/${table}.json`] = strToU8(json(rows));
  const files = await addFiles(store, data, entries);
  const manifest = {
    candidateId, generatedAt: now.toISOString(),
    tables: Object.fromEntries(Object.entries(data.tables).map(([t, rows]) => [t, rows.length])),
    files,
  };
  entries['manifest.json'] = strToU8(json(manifest));
  // A fixed date in the entries: the same data gives the same archive bytes.
  const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { mtime: new Date('2020-01-01T00:00:00Z') }]])), { level: 6 });
  return { zip, fileName: `jalon-donnees-personnelles-${candidateId}.zip`, manifest };
}

async function addFiles(store: Pick<DocumentStore, 'db' | 'blobs'>, data: PersonData, entries: Record<string, Uint8Array>): Promise<ExportFile[]> {
  const files: ExportFile[] = [];
  for (const row of data.tables.StoredFile as { id: string; sha256: string; fileName: string }[]) {
    if (!(await store.blobs.has(row.sha256))) continue;
    const bytes = await store.blobs.get(row.sha256);
    const path = `files/${row.id}-${row.fileName}`;
    entries[path] = new Uint8Array(bytes);
    files.push({ path, sha256: row.sha256, sizeBytes: bytes.length });
  }
  const pvs = procesVerbalStore(store.db);
  for (const row of data.tables.ProcesVerbal as { juryId: string; language: 'fr' | 'en' }[]) {
    const pv = await pvs.get(row.juryId, row.language);
    const path = `files/proces-verbal-${row.juryId}-${row.language}.pdf`;
    if (!pv || entries[path]) continue;
    entries[path] = new Uint8Array(pv.bytes);
    files.push({ path, sha256: pv.sha256, sizeBytes: pv.bytes.length });
  }
  return files;
}
