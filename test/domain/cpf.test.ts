// The CPF declaration's pure rules: the holder's identity, the flux, the deadline, where an award stands.
import { describe, expect, it } from 'vitest';
import {
  ACCESS_MODALITY, CPF_DECLARATION_POLICY, ROUTES, buildCpfFlux, cpfAwardStatus, cpfDeadlinePlan, cpfDeclarationDueMs, cpfIdentitySchema,
  cpfSettingsSchema, cpfTimestamp, identityProblems, type CpfIdentityInput,
} from '../../domain';

const DAY = 86_400_000;
const valid: CpfIdentityInput = { birthName: 'Martin', firstNames: ['Élise'], birthDate: '1994-03-21', sex: 'F', bornIn: 'france', birthCommuneInsee: '75056' };
const issues = (input: unknown) => {
  const r = cpfIdentitySchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message] as const);
};
const fields = (input: unknown) => issues(input).map(([f]) => f);

describe('cpfIdentitySchema', () => {
  it('accepts a holder born in France with an INSEE code, a Corsican code, or a postal code', () => {
    expect(issues(valid)).toEqual([]);
    expect(issues({ ...valid, birthCommuneInsee: '2a004' })).toEqual([]);
    expect(cpfIdentitySchema.parse({ ...valid, birthCommuneInsee: '2a004' }).birthCommuneInsee).toBe('2A004');
    expect(issues({ ...valid, birthCommuneInsee: undefined, birthPostalCode: '69001' })).toEqual([]);
  });

  it('accepts a holder born abroad with a country code, and up to three first names and a usage name', () => {
    expect(issues({ ...valid, bornIn: 'abroad', birthCommuneInsee: null, birthCountryCode: 'bel', birthCountryName: 'Belgique', firstNames: ['A', 'B', 'C'], usageName: 'Dupont' })).toEqual([]);
  });

  it('refuses a holder born in France without a commune, naming the field in words', () => {
    const found = issues({ ...valid, birthCommuneInsee: undefined });
    expect(found).toEqual([['birthCommuneInsee', expect.stringContaining('The birth commune is missing')]]);
    expect(fields({ ...valid, birthCommuneInsee: '' })).toEqual(['birthCommuneInsee']);
  });

  it('refuses a holder born abroad without a country, or with a French commune', () => {
    expect(fields({ ...valid, bornIn: 'abroad', birthCommuneInsee: undefined })).toEqual(['birthCountryCode']);
    expect(fields({ ...valid, bornIn: 'abroad', birthCountryCode: 'BEL' })).toEqual(['birthCommuneInsee']);
    expect(fields({ ...valid, bornIn: 'abroad', birthCommuneInsee: undefined, birthCountryCode: 'BE' })).toEqual(['birthCountryCode']);
  });

  it.each([
    ['birthName', { birthName: '' }], ['birthName', { birthName: 'x'.repeat(61) }], ['birthName', { birthName: 'Ma\u202Ertin' }], ['birthName', { birthName: undefined }],
    ['firstNames', { firstNames: [] }], ['firstNames', { firstNames: ['a', 'b', 'c', 'd'] }], ['firstNames.0', { firstNames: [' '] }],
    ['birthDate', { birthDate: '21/03/1994' }], ['birthDate', { birthDate: '1994-02-30' }], ['birthDate', { birthDate: '1899-12-31' }],
    ['sex', { sex: 'X' }], ['bornIn', { bornIn: 'mars' }], ['birthCommuneInsee', { birthCommuneInsee: '7505' }], ['birthPostalCode', { birthCommuneInsee: undefined, birthPostalCode: '7500A' }],
    ['usageName', { usageName: 'y'.repeat(61) }], ['', { unknown: 1 }],
  ])('names %s when it is wrong', (field, change) => {
    const found = issues({ ...valid, ...change });
    expect(found.map(([f]) => f)).toContain(field);
    for (const [, message] of found) expect(message).toMatch(/[a-z]{3,} [a-z]{2,}/); // words, not a code
  });

  it('trims and normalises names (NFC)', () => {
    const parsed = cpfIdentitySchema.parse({ ...valid, birthName: '  Martin ', firstNames: ['E\u0301lise'] });
    expect(parsed.birthName).toBe('Martin');
    expect(parsed.firstNames[0]).toBe('Élise');
  });
});

describe('identityProblems', () => {
  it('says when no identity is recorded, names each faulty field otherwise', () => {
    expect(identityProblems(undefined)).toEqual([{ field: 'identity', message: expect.stringContaining('No identity is recorded') }]);
    expect(identityProblems(valid)).toEqual([]);
    expect(identityProblems({ ...valid, birthCommuneInsee: null }).map((p) => p.field)).toEqual(['birthCommuneInsee']);
  });
});

describe('cpfSettingsSchema', () => {
  it('accepts an 8-character client number and a contract number', () => {
    expect(cpfSettingsSchema.safeParse({ idClient: '0A1B2C3D', idContrat: 'MCF-12_3' }).success).toBe(true);
  });
  it.each([[{ idClient: '0A1B2C3', idContrat: 'x' }, 'idClient'], [{ idClient: '0A1B2C3D9', idContrat: 'x' }, 'idClient'], [{ idClient: '0A1B2C3D', idContrat: '' }, 'idContrat'], [{ idClient: '0A1B2C3D', idContrat: 'x'.repeat(21) }, 'idContrat'], [{ idClient: '0A1B2C3D', idContrat: 'a b' }, 'idContrat']])('refuses %j naming %s', (input, field) => {
    const r = cpfSettingsSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual([field]);
  });
});

describe('buildCpfFlux', () => {
  const base = { idFlux: 'F-1', builtAtMs: Date.parse('2027-01-15T10:00:05Z'), settings: { idClient: '0A1B2C3D', idContrat: 'C1' }, certification: { type: 'RNCP' as const, code: 'RNCP37332' } };
  const identity = cpfIdentitySchema.parse(valid);

  it('writes one passage per award with the certifier, the certification and the holder', () => {
    const xml = buildCpfFlux({ ...base, passages: [{ idTechnique: 'award-1', awardedOn: '2027-01-10', route: 'student', identity }, { idTechnique: 'award-2', awardedOn: '2027-01-11', route: 'vae', identity }] });
    expect(xml.match(/<cpf:passageCertification>/g)).toHaveLength(2);
    expect(xml).toContain('<cpf:horodatage>2027-01-15T11:00:05+01:00</cpf:horodatage>');
    expect(xml).toContain('<cpf:code>RNCP37332</cpf:code>');
    expect(xml).toContain('<cpf:codeInseeNaissance><cpf:codeInsee>75056</cpf:codeInsee></cpf:codeInseeNaissance>');
    expect(xml).toContain('<cpf:nomUsage xsi:nil="true"/>');
    expect(xml).toContain('<cpf:modaliteAcces>VAE</cpf:modaliteAcces><cpf:voieAccessVAE>VAE_CLASSIQUE</cpf:voieAccessVAE>');
    expect(xml).toContain('<cpf:anneeNaissance>1994</cpf:anneeNaissance><cpf:moisNaissance>3</cpf:moisNaissance><cpf:jourNaissance>21</cpf:jourNaissance>');
  });

  it('escapes text, writes a postal code or a nil one for a holder born abroad', () => {
    const abroad = cpfIdentitySchema.parse({ ...valid, birthName: 'O\'Neil & <Co>', bornIn: 'abroad', birthCommuneInsee: undefined, birthCountryCode: 'IRL' });
    const postal = cpfIdentitySchema.parse({ ...valid, birthCommuneInsee: undefined, birthPostalCode: '69001' });
    const xml = buildCpfFlux({ ...base, passages: [{ idTechnique: 'a', awardedOn: '2027-01-10', route: 'individual', identity: abroad }, { idTechnique: 'b', awardedOn: '2027-01-10', route: 'student', identity: postal }] });
    expect(xml).toContain('<cpf:nomNaissance>O&apos;Neil &amp; &lt;Co&gt;</cpf:nomNaissance>');
    expect(xml).toContain('<cpf:codePostalNaissance><cpf:codePostal xsi:nil="true"/></cpf:codePostalNaissance>');
    expect(xml).toContain('<cpf:codePaysNaissance>IRL</cpf:codePaysNaissance>');
    expect(xml).toContain('<cpf:codePostal>69001</cpf:codePostal>');
  });

  it('refuses to build an empty flux', () => {
    expect(() => buildCpfFlux({ ...base, passages: [] })).toThrow(/at least one award/);
  });

  it('maps every route to a CDC access modality', () => {
    for (const r of ROUTES) expect(ACCESS_MODALITY[r]).toMatch(/^[A-Z_]+$/);
  });

  it('stamps Paris time with its offset, summer and winter', () => {
    expect(cpfTimestamp(Date.parse('2027-07-01T09:30:00Z'))).toBe('2027-07-01T11:30:00+02:00');
    expect(cpfTimestamp(Date.parse('2027-12-31T23:30:59Z'))).toBe('2028-01-01T00:30:59+01:00');
  });
});

describe('the three-month deadline', () => {
  const awarded = Date.parse('2027-01-10T14:00:00Z');
  it('falls three calendar months after the award, at the same time, clamped to the month\'s end', () => {
    expect(new Date(cpfDeclarationDueMs(awarded)).toISOString()).toBe('2027-04-10T14:00:00.000Z');
    expect(new Date(cpfDeclarationDueMs(Date.parse('2027-11-30T08:00:00Z'))).toISOString()).toBe('2028-02-29T08:00:00.000Z');
  });

  it('reminds 30 and 7 days before, then alerts at the deadline and every 30 days, in time order', () => {
    const due = cpfDeclarationDueMs(awarded);
    expect(cpfDeadlinePlan(awarded)).toEqual([
      { atMs: due - 30 * DAY, kind: 'reminder' }, { atMs: due - 7 * DAY, kind: 'reminder' },
      { atMs: due, kind: 'overdue' }, { atMs: due + 30 * DAY, kind: 'overdue' }, { atMs: due + 60 * DAY, kind: 'overdue' },
    ]);
    expect(cpfDeadlinePlan(awarded).filter((s) => s.kind === 'overdue')).toHaveLength(CPF_DECLARATION_POLICY.overdueAlerts);
  });
});

describe('cpfAwardStatus', () => {
  it.each([
    [[], 'to_declare'], [[{ status: 'rejected' }], 'to_declare'], [[{ status: 'pending' }], 'pending'],
    [[{ status: 'rejected' }, { status: 'pending' }], 'pending'], [[{ status: 'rejected' }, { status: 'accepted' }], 'declared'], [[{ status: 'pending' }, { status: 'accepted' }], 'declared'],
  ])('%j is %s', (lines, status) => expect(cpfAwardStatus(lines)).toBe(status));
});
