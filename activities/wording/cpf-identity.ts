// What a certified holder reads when the candidate space asks for their civil-status identity (the CPF
// declaration to the Caisse des Dépôts), in French and English: the fields, and what is wrong with each.
import type { BirthDateFault } from '../../domain/index';
import { w, type Words } from './catalogue';

export const CPF_IDENTITY = {
  title: w('Votre identité pour la déclaration de votre certification', 'Your identity for the declaration of your certification'),
  expected: w(
    'Donner votre identité d’état civil : nous devons déclarer votre certification à la Caisse des Dépôts (Mon Compte Formation)',
    'Give your civil-status identity: we must declare your certification to the Caisse des Dépôts (Mon Compte Formation)',
  ),
  intro: w(
    'Félicitations pour votre certification. La loi nous demande de la déclarer à la Caisse des Dépôts, qui l’inscrit dans votre compte personnel de formation. Écrivez votre identité exactement comme sur votre acte de naissance ou votre pièce d’identité.',
    'Congratulations on your certification. The law requires us to declare it to the Caisse des Dépôts, which records it in your personal training account. Write your identity exactly as on your birth certificate or identity document.',
  ),
  submit: w('Enregistrer mon identité', 'Save my identity'),
  recorded: w('Votre identité est enregistrée pour la déclaration de votre certification. Merci.', 'Your identity is recorded for the declaration of your certification. Thank you.'),
  alreadyRecorded: w('Votre identité est déjà enregistrée pour la déclaration : rien n’a été changé. Pour la corriger, écrivez au service des admissions.', 'Your identity is already recorded for the declaration: nothing was changed. To correct it, write to the admissions office.'),
  refusedNotHolder: w('Cette demande ne concerne que les titulaires de la certification : rien n’a été enregistré.', 'This request only concerns holders of the certification: nothing was recorded.'),
  birthName: w('Nom de naissance', 'Birth name'),
  usageName: w('Nom d’usage (facultatif)', 'Usage name (optional)'),
  usageNameHint: w('Seulement s’il diffère du nom de naissance (nom d’épouse ou d’époux, par exemple).', 'Only when it differs from your birth name (a married name, for example).'),
  firstName1: w('Premier prénom', 'First given name'),
  firstName2: w('Deuxième prénom (facultatif)', 'Second given name (optional)'),
  firstName3: w('Troisième prénom (facultatif)', 'Third given name (optional)'),
  firstNamesHint: w('Dans l’ordre de l’état civil.', 'In civil-status order.'),
  birthDate: w('Date de naissance', 'Date of birth'),
  sex: w('Sexe (tel qu’inscrit à l’état civil)', 'Sex (as on the civil-status record)'),
  sexF: w('Féminin', 'Female'),
  sexM: w('Masculin', 'Male'),
  bornIn: w('Lieu de naissance', 'Place of birth'),
  bornInFrance: w('En France', 'In France'),
  bornAbroad: w('À l’étranger', 'Abroad'),
  birthCommuneInsee: w('Code INSEE de la commune de naissance', 'INSEE code of the commune of birth'),
  birthCommuneInseeHint: w('Né·e en France : ce code ou le code postal suffit. Le code INSEE a 5 caractères (75056 pour Paris, 2A004 pour Ajaccio).', 'Born in France: this code or the postal code is enough. The INSEE code has 5 characters (75056 for Paris, 2A004 for Ajaccio).'),
  birthPostalCode: w('Code postal de la commune de naissance', 'Postal code of the commune of birth'),
  birthCommuneName: w('Commune de naissance (facultatif)', 'Commune of birth (optional)'),
  birthCountryCode: w('Pays de naissance : code à trois lettres', 'Country of birth: three-letter code'),
  birthCountryCodeHint: w('Né·e à l’étranger : le code ISO du pays, par exemple BEL pour la Belgique, MAR pour le Maroc, SEN pour le Sénégal.', 'Born abroad: the country’s ISO code, for example BEL for Belgium, MAR for Morocco, SEN for Senegal.'),
  birthCountryName: w('Pays de naissance, en toutes lettres (facultatif)', 'Country of birth, in full (optional)'),
};

/** The form's fields, in page order (each one's error is said next to it). */
export const CPF_IDENTITY_FIELDS = [
  'birthName', 'usageName', 'firstName1', 'firstName2', 'firstName3', 'birthDate', 'sex', 'bornIn',
  'birthCommuneInsee', 'birthPostalCode', 'birthCommuneName', 'birthCountryCode', 'birthCountryName',
] as const;
export type CpfIdentityField = (typeof CPF_IDENTITY_FIELDS)[number];

/** Why a field is refused (from the rules of domain/cpf-identity.ts). */
export type CpfIdentityFault = 'missing' | 'too_long' | 'hidden' | 'format' | 'too_many' | 'commune_missing' | 'country_missing' | 'commune_abroad';

const NAME_FAULTS = (what: Words) => ({
  missing: w(`Écrivez votre ${what.fr} comme sur l’état civil.`, `Write your ${what.en} as on the civil-status record.`),
  too_long: w(`${cap(what.fr)} : 60 caractères au plus (la limite de la Caisse des Dépôts).`, `${cap(what.en)}: at most 60 characters (the Caisse des Dépôts’ limit).`),
  hidden: w(`${cap(what.fr)} contient des caractères invisibles : retapez-le au clavier.`, `${cap(what.en)} contains invisible characters: type it again.`),
});
function cap(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const FORMAT: Partial<Record<CpfIdentityField, Words>> = {
  birthDate: w('Donnez votre date de naissance complète : jour, mois et année (par exemple 21/03/1994).', 'Give your complete date of birth: day, month and year (for example 21/03/1994).'),
  sex: w('Choisissez « Féminin » ou « Masculin ».', 'Choose “Female” or “Male”.'),
  bornIn: w('Dites si vous êtes né·e en France ou à l’étranger.', 'Say whether you were born in France or abroad.'),
  birthCommuneInsee: w('Le code INSEE a 5 caractères : 5 chiffres, ou 2A/2B et 3 chiffres en Corse (par exemple 75056, 2A004).', 'The INSEE code has 5 characters: 5 digits, or 2A/2B and 3 digits in Corsica (for example 75056, 2A004).'),
  birthPostalCode: w('Le code postal a 5 chiffres (par exemple 75001).', 'The postal code has 5 digits (for example 75001).'),
  birthCountryCode: w('Le pays s’écrit avec son code ISO à trois lettres (par exemple BEL pour la Belgique).', 'The country is written as its three-letter ISO code (for example BEL for Belgium).'),
};

const NAMES: Partial<Record<CpfIdentityField, Words>> = {
  birthName: w('nom de naissance', 'birth name'),
  usageName: w('nom d’usage', 'usage name'),
  firstName1: w('premier prénom', 'first given name'),
  firstName2: w('deuxième prénom', 'second given name'),
  firstName3: w('troisième prénom', 'third given name'),
  birthCommuneName: w('commune de naissance', 'commune of birth'),
  birthCountryName: w('pays de naissance', 'country of birth'),
};

const WHOLE: Partial<Record<CpfIdentityFault, Words>> = {
  commune_missing: w('Né·e en France : donnez le code INSEE ou le code postal de votre commune de naissance.', 'Born in France: give the INSEE code or the postal code of your commune of birth.'),
  country_missing: w('Né·e à l’étranger : donnez le code à trois lettres de votre pays de naissance (par exemple BEL).', 'Born abroad: give the three-letter code of your country of birth (for example BEL).'),
  commune_abroad: w('Né·e à l’étranger : laissez vides les codes de commune française, ou choisissez « En France ».', 'Born abroad: leave the French commune codes empty, or choose “In France”.'),
  too_many: w('Trois prénoms au plus.', 'At most three given names.'),
};

/** A birth date that is a date but not a plausible one (domain/cpf-birth-date.ts). */
export const BIRTH_DATE_FAULT_WORDS: Record<BirthDateFault, Words> = {
  future: w('Cette date de naissance est après aujourd’hui : vérifiez l’année (par exemple 1990 et non 2030).', 'This date of birth is after today: check the year (for example 1990, not 2030).'),
  too_young: w('Avec cette date de naissance, vous auriez eu moins de 15 ans à la délivrance de la certification : vérifiez l’année.', 'With this date of birth you would have been under 15 when the certification was awarded: check the year.'),
  too_old: w('Avec cette date de naissance, vous auriez eu plus de 100 ans à la délivrance de la certification : vérifiez l’année.', 'With this date of birth you would have been over 100 when the certification was awarded: check the year.'),
};

/** What the holder reads next to the field. */
export function cpfIdentityFaultWords(field: CpfIdentityField, fault: CpfIdentityFault): Words {
  const whole = WHOLE[fault];
  if (whole) return whole;
  const name = NAMES[field];
  if (name) return fault === 'format' ? NAME_FAULTS(name).missing : NAME_FAULTS(name)[fault as 'missing' | 'too_long' | 'hidden'];
  return FORMAT[field] ?? w('Cette valeur n’est pas valable.', 'This value is not valid.');
}
