// The candidate space's identity form read with domain/cpf-identity.ts's rules: each refusal lands on the
// field the holder filled in, in words (French and English), never a code; a complete form gives the
// identity the flux is built from.
import { describe, expect, it } from 'vitest';
import { readIdentityForm } from '../../api/candidate-space/cpf-identity';
import { holderBirthDateFault } from '../../activities/cpf/identity';
import { expectNoCodes } from '../support/person-facing';

const complete = { birthName: 'Roux', firstName1: 'Maëlle', birthDate: '1994-03-21', sex: 'F', bornIn: 'france', birthCommuneInsee: '75056' };
const errorsOf = (values: Record<string, string>) => {
  const read = readIdentityForm(values);
  if (!('errors' in read)) throw new Error('expected a refusal');
  for (const w of Object.values(read.errors)) expectNoCodes(w!.fr, w!.en);
  return Object.fromEntries(Object.entries(read.errors).map(([k, w]) => [k, w!.fr]));
};

describe('the CPF identity form of the candidate space', () => {
  it('gives the identity when complete: first names in order, codes upper-cased, empty fields left out', () => {
    const read = readIdentityForm({ ...complete, firstName2: ' Jeanne ', firstName3: '', birthCommuneInsee: '2a004', usageName: '' });
    expect(read).toEqual({ identity: expect.objectContaining({ birthName: 'Roux', firstNames: ['Maëlle', 'Jeanne'], birthCommuneInsee: '2A004', bornIn: 'france', sex: 'F' }) });
    expect('identity' in read && read.identity.usageName).toBeFalsy();
  });

  it('names each faulty field next to where it was typed', () => {
    expect(errorsOf({ ...complete, birthCommuneInsee: '' })).toEqual({ birthCommuneInsee: 'Né·e en France : donnez le code INSEE ou le code postal de votre commune de naissance.' });
    expect(errorsOf({ ...complete, birthCommuneInsee: '7505' })).toEqual({ birthCommuneInsee: expect.stringContaining('Le code INSEE a 5 caractères') });
    expect(errorsOf({ ...complete, birthName: '' })).toEqual({ birthName: 'Écrivez votre nom de naissance comme sur l’état civil.' });
    expect(errorsOf({ ...complete, birthName: 'R'.repeat(61) })).toEqual({ birthName: expect.stringContaining('60 caractères au plus') });
    expect(errorsOf({ ...complete, birthName: 'Ro\u202eux' })).toEqual({ birthName: expect.stringContaining('caractères invisibles') });
    expect(errorsOf({ ...complete, firstName1: '', firstName2: 'Jeanne' })).toEqual({ firstName1: 'Écrivez votre premier prénom comme sur l’état civil.' });
    expect(errorsOf({ ...complete, firstName2: 'J'.repeat(61) })).toEqual({ firstName2: expect.stringContaining('Deuxième prénom : 60 caractères au plus') });
    expect(errorsOf({ ...complete, birthDate: '1994-02-30' })).toEqual({ birthDate: expect.stringContaining('date de naissance complète') });
    expect(errorsOf({ ...complete, sex: 'X' })).toEqual({ sex: 'Choisissez « Féminin » ou « Masculin ».' });
    expect(errorsOf({ ...complete, bornIn: '' })).toEqual({ bornIn: 'Dites si vous êtes né·e en France ou à l’étranger.' });
    expect(errorsOf({ ...complete, bornIn: 'abroad', birthCommuneInsee: '' })).toEqual({ birthCountryCode: expect.stringContaining('donnez le code à trois lettres') });
    expect(errorsOf({ ...complete, bornIn: 'abroad', birthCountryCode: 'BEL' })).toEqual({ birthCommuneInsee: expect.stringContaining('laissez vides les codes de commune française') });
    expect(errorsOf({ ...complete, bornIn: 'abroad', birthCommuneInsee: '', birthCountryCode: 'B1' })).toEqual({ birthCountryCode: expect.stringContaining('code ISO à trois lettres') });
    expect(errorsOf({ ...complete, birthPostalCode: '750' })).toEqual({ birthPostalCode: 'Le code postal a 5 chiffres (par exemple 75001).' });
  });

  it('lists the refusals in the order the fields run: the birth name before the first name', () => {
    const read = readIdentityForm({ ...complete, firstName1: '', birthName: '', sex: '' });
    expect('errors' in read && Object.keys(read.errors)).toEqual(['birthName', 'firstName1', 'sex']);
  });

  it('refuses a birth date after today or an implausible age at the award, in words, with the other fields still checked', () => {
    const award = { awardedAt: new Date('2026-10-02T14:00:00Z') };
    const now = new Date('2026-11-30T10:00:00Z');
    const plausible = (birthDate: string) => holderBirthDateFault(birthDate, award, now);
    const refused = (values: Record<string, string>) => {
      const read = readIdentityForm(values, plausible);
      if (!('errors' in read)) throw new Error('expected a refusal');
      for (const w of Object.values(read.errors)) expectNoCodes(w!.fr, w!.en);
      return Object.fromEntries(Object.entries(read.errors).map(([k, w]) => [k, w!.fr]));
    };
    expect(refused({ ...complete, birthDate: '2030-03-21' })).toEqual({ birthDate: 'Cette date de naissance est après aujourd’hui : vérifiez l’année (par exemple 1990 et non 2030).' });
    expect(refused({ ...complete, birthDate: '2012-01-01' })).toEqual({ birthDate: expect.stringContaining('moins de 15 ans') });
    expect(refused({ ...complete, birthDate: '1920-01-01', birthName: '' })).toEqual({ birthName: expect.any(String), birthDate: expect.stringContaining('plus de 100 ans') });
    expect(readIdentityForm(complete, plausible)).toHaveProperty('identity');
  });
});
