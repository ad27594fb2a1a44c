// The CPF declaration's records: build a flux (validated against the CDC's XSD before it is kept), record
// its deposit, then the CDC's acknowledgement line by line. A refusal says what is wrong and changes nothing.
import { createHash, randomUUID } from 'node:crypto';
import { buildCpfFlux, cpfAwardStatus, cpfIdentitySchema, cpfSettingsSchema, identityProblems, msToIsoDate, type CpfAwardStatus } from '../../domain/index';
import type { Database } from '../../platform/database';
import { loadAwards } from './awards';
import { validateCpfFlux } from './xsd';

export const CPF_SETTINGS_ID = 'cpf';

const SETTINGS_MISSING = {
  code: 'cpf_settings_missing',
  fr: 'Le numéro client et le numéro de contrat de l’école à la Caisse des Dépôts ne sont pas renseignés : un administrateur de Jalon les saisit sur l’écran des déclarations CPF. Aucun flux n’a été construit.',
  en: 'The school’s client number and contract number at the Caisse des Dépôts are not set: a Jalon administrator enters them on the CPF declarations screen. No flux was built.',
};
const NOTHING_TO_DECLARE = {
  code: 'cpf_nothing_to_declare',
  fr: 'Aucun titulaire n’est prêt à être déclaré : complétez les identités signalées comme incomplètes, ou attendez l’accusé des flux déposés. Aucun flux n’a été construit.',
  en: 'No holder is ready to be declared: complete the identities shown as incomplete, or wait for the acknowledgement of the fluxes deposited. No flux was built.',
};

/** A refusal in words: the API answers it as problem+json with `status`, and each field in `errors`. */
export class CpfRefusal extends Error {
  override name = 'CpfRefusal';
  constructor(
    readonly status: 404 | 409 | 422, readonly title: string, detail: string, readonly errors: { path: string; message: string }[] = [],
    /** The refusal in the reader's words (the console shows it instead of the detail). */
    readonly reason?: { code: string; fr: string; en: string },
  ) {
    super(detail);
  }
}

export interface BuiltDeclaration {
  id: string;
  idFlux: string;
  sha256: string;
  lines: { juryId: string; candidateId: string; name: string }[];
  /** Awards to declare left out of this flux, and why (only when no set was chosen). */
  skipped: { juryId: string; candidateId: string; name: string; problems: { field: string; message: string }[] }[];
}

/**
 * One flux for the chosen awards, or for every award still to declare. A chosen award that is not to
 * declare, or whose holder's identity is incomplete, refuses the whole request (naming each); without a
 * choice, holders whose identity is incomplete are left out and listed. One flux at a time (a row lock):
 * two concurrent requests cannot put the same award in two fluxes.
 */
export async function buildDeclaration(db: Database, input: { juryIds?: string[]; staffRef: string; now: Date }): Promise<BuiltDeclaration> {
  return db.$transaction(async (tx) => {
    const [settingsRow] = await tx.$queryRaw<{ idClient: string; idContrat: string }[]>`SELECT "idClient", "idContrat" FROM "CpfSettings" WHERE id = ${CPF_SETTINGS_ID} FOR UPDATE`;
    const settings = cpfSettingsSchema.safeParse(settingsRow ?? {});
    if (!settings.success) throw new CpfRefusal(409, 'CPF settings missing', 'The certifier\'s client number (idClient) and contract number (idContrat) at the Caisse des Dépôts are not set: an administrator enters them on the console\'s CPF declarations screen. Nothing was built.', [], SETTINGS_MISSING);
    const awards = await loadAwards(tx, input.juryIds);
    const errors: { path: string; message: string }[] = [];
    for (const [i, juryId] of (input.juryIds ?? []).entries()) {
      const award = awards.find((a) => a.juryId === juryId);
      if (!award) errors.push({ path: `body.juryIds.${i}`, message: `${juryId} is not a certification jury that awarded the certification` });
      else if (award.status !== 'to_declare') errors.push({ path: `body.juryIds.${i}`, message: `${award.name}'s award is ${award.status === 'declared' ? 'already declared (accepted by the CDC)' : 'already in a flux awaiting the CDC\'s acknowledgement'}` });
      else for (const p of identityProblems(award.identity)) errors.push({ path: `body.juryIds.${i}`, message: `${award.name}: ${p.field}: ${p.message}` });
    }
    if (errors.length) throw new CpfRefusal(422, 'These awards cannot be declared', errors.map((e) => e.message).join('; '), errors);

    const toDeclare = awards.filter((a) => a.status === 'to_declare');
    const ready = toDeclare.filter((a) => identityProblems(a.identity).length === 0);
    const skipped = toDeclare.filter((a) => !ready.includes(a)).map((a) => ({ juryId: a.juryId, candidateId: a.candidateId, name: a.name, problems: identityProblems(a.identity) }));
    if (ready.length === 0) {
      throw new CpfRefusal(409, 'Nothing to declare', skipped.length
        ? `No award is ready: ${skipped.map((s) => `${s.name} (${s.problems.map((p) => p.field).join(', ')})`).join('; ')}. Complete the identities with PUT /candidates/{id}/cpf-identity.`
        : 'Every award is already declared or in a flux awaiting the CDC\'s acknowledgement.', [], NOTHING_TO_DECLARE);
    }
    const codes = [...new Set(ready.map((a) => a.referentialCode))];
    if (codes.length > 1) throw new CpfRefusal(422, 'One certification per flux', `These awards are of ${codes.join(' and ')}: choose the awards of one certification (juryIds).`);

    const id = randomUUID();
    const idFlux = `JALON-${msToIsoDate(input.now.getTime()).replace(/-/g, '')}-${id.slice(0, 8)}`;
    const xml = buildCpfFlux({
      idFlux, builtAtMs: input.now.getTime(), settings: settings.data, certification: { type: 'RNCP', code: codes[0]! },
      passages: ready.map((a) => ({ idTechnique: a.juryId, awardedOn: msToIsoDate(a.awardedAt.getTime()), route: a.route, identity: cpfIdentitySchema.parse(a.identity) })),
    });
    // Never hand out a flux the CDC would refuse: a failure here is ours (the builder), not the caller's.
    const check = validateCpfFlux(xml);
    if (!check.valid) throw new Error(`The CPF flux built does not validate against the CDC's XSD: ${check.errors.join('; ')}`);
    const sha256 = createHash('sha256').update(xml).digest('hex');
    await tx.cpfDeclaration.create({
      data: {
        id, idFlux, xml, sha256, createdBy: input.staffRef, createdAt: input.now,
        lines: { create: ready.map((a) => ({ juryId: a.juryId, candidateId: a.candidateId })) },
      },
    });
    return { id, idFlux, sha256, lines: ready.map((a) => ({ juryId: a.juryId, candidateId: a.candidateId, name: a.name })), skipped };
  });
}

/** Staff deposited the flux on the CDC's service. Recording it again changes nothing. */
export async function recordDeposit(db: Database, id: string, input: { staffRef: string; depositedAt: Date }): Promise<void> {
  const d = await db.cpfDeclaration.findUnique({ where: { id } });
  if (!d) throw new CpfRefusal(404, 'CPF declaration not found', `No CPF declaration ${id}. GET /declarations/cpf lists them.`);
  await db.cpfDeclaration.updateMany({ where: { id, depositedAt: null }, data: { status: 'deposited', depositedAt: input.depositedAt, depositedBy: input.staffRef } });
}

export interface AcknowledgedLine {
  juryId: string;
  status: 'accepted' | 'rejected';
  reason?: string;
}

/**
 * The CDC's acknowledgement: each line accepted or rejected. A rejected line puts its award back to "to
 * declare" (the next flux takes it again). Only a deposited flux can be acknowledged; an unknown line
 * refuses the whole request.
 */
export async function recordAcknowledgement(db: Database, id: string, input: { lines: AcknowledgedLine[]; staffRef: string; now: Date }): Promise<{ juryId: string; status: CpfAwardStatus }[]> {
  return db.$transaction(async (tx) => {
    const d = await tx.cpfDeclaration.findUnique({ where: { id }, include: { lines: true } });
    if (!d) throw new CpfRefusal(404, 'CPF declaration not found', `No CPF declaration ${id}. GET /declarations/cpf lists them.`);
    if (!d.depositedAt) throw new CpfRefusal(409, 'Not deposited yet', `The flux ${d.idFlux} is not recorded as deposited: record the deposit (POST /declarations/cpf/${id}/deposit) before the CDC's acknowledgement.`);
    const errors = input.lines.flatMap((l, i) => (d.lines.some((x) => x.juryId === l.juryId) ? [] : [{ path: `body.lines.${i}.juryId`, message: `${l.juryId} is not a line of the flux ${d.idFlux}` }]));
    if (errors.length) throw new CpfRefusal(422, 'Unknown lines', errors.map((e) => e.message).join('; '), errors);
    for (const l of input.lines) {
      await tx.cpfDeclarationLine.updateMany({
        where: { declarationId: id, juryId: l.juryId },
        data: { status: l.status, rejectionReason: l.status === 'rejected' ? l.reason || null : null, markedAt: input.now, markedBy: input.staffRef },
      });
    }
    const lines = await tx.cpfDeclarationLine.findMany({ where: { declarationId: id } });
    if (lines.every((l) => l.status !== 'pending')) await tx.cpfDeclaration.update({ where: { id }, data: { status: 'acknowledged', acknowledgedAt: input.now } });
    const all = await tx.cpfDeclarationLine.findMany({ where: { juryId: { in: input.lines.map((l) => l.juryId) } }, select: { juryId: true, status: true } });
    return input.lines.map((l) => ({ juryId: l.juryId, status: cpfAwardStatus(all.filter((x) => x.juryId === l.juryId)) }));
  });
}
