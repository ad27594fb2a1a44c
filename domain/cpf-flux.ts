/**
 * The flux of the CPF declaration of certified holders (the CDC's "accrochage certificateurs", XSD 1.1.2,
 * namespace urn:cdc:cpf:pc5:schema:1.0.0): one certifier, one certification, one `passageCertification`
 * per award. Pure text building; the caller validates the result against the XSD before anyone gets it.
 */
import type { CpfIdentity } from './schemas/cpf-identity';
import { localTimeOf, offsetText, zoneOffsetMinutes } from './local-time';
import type { IsoDate, Route } from './types';
import type { CpfSettings } from './schemas/cpf-settings';

export type { CpfSettings };

export const CPF_NAMESPACE = 'urn:cdc:cpf:pc5:schema:1.0.0';

/** The CDC's access modality for each of the certification's routes. */
export const ACCESS_MODALITY: Record<Route, string> = {
  student: 'FORMATION_INITIALE_HORS_APPRENTISSAGE',
  apprenticeship: 'FORMATION_INITIALE_APPRENTISSAGE',
  continuing_education: 'FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION',
  professionalisation: 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION',
  individual: 'CANDIDAT_LIBRE',
  vae: 'VAE',
};

export interface CpfPassage {
  /** Our stable id of the award (the certification jury's id): the same award keeps it when declared again. */
  idTechnique: string;
  awardedOn: IsoDate;
  route: Route;
  identity: CpfIdentity;
}

export interface CpfFluxInput {
  idFlux: string;
  /** When the flux is built (epoch ms): written in Paris time with its offset, as the XSD's pattern wants. */
  builtAtMs: number;
  settings: CpfSettings;
  certification: { type: 'RNCP'; code: string };
  passages: CpfPassage[];
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const el = (name: string, value: string | number | boolean) => `<cpf:${name}>${escape(String(value))}</cpf:${name}>`;
const nil = (name: string) => `<cpf:${name} xsi:nil="true"/>`;
const wrap = (name: string, ...children: string[]) => `<cpf:${name}>${children.join('')}</cpf:${name}>`;

/** "2027-07-01T11:30:00+02:00": Paris wall time with its offset (the XSD's horodatage pattern). */
export function cpfTimestamp(ms: number): string {
  return `${localTimeOf(ms, 'Europe/Paris')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}${offsetText(zoneOffsetMinutes(ms, 'Europe/Paris'))}`;
}

function titulaire(p: CpfIdentity): string {
  const [year, month, day] = p.birthDate.split('-').map(Number) as [number, number, number];
  const [first, second, third] = p.firstNames;
  const commune = p.bornIn === 'france'
    ? p.birthCommuneInsee
      ? wrap('codeInseeNaissance', el('codeInsee', p.birthCommuneInsee))
      : wrap('codePostalNaissance', el('codePostal', p.birthPostalCode!))
    // Born abroad: no French commune; the XSD still wants the element, with a nil postal code.
    : wrap('codePostalNaissance', nil('codePostal'));
  return wrap('titulaire',
    el('nomNaissance', p.birthName),
    p.usageName ? el('nomUsage', p.usageName) : nil('nomUsage'),
    el('prenom1', first!),
    second ? el('prenom2', second) : '',
    third ? el('prenom3', third) : '',
    el('anneeNaissance', year), el('moisNaissance', month), el('jourNaissance', day),
    el('sexe', p.sex),
    wrap('codeCommuneNaissance', commune),
    p.birthCommuneName ? el('libelleCommuneNaissance', p.birthCommuneName) : '',
    p.bornIn === 'abroad' && p.birthCountryCode ? el('codePaysNaissance', p.birthCountryCode) : '',
    p.bornIn === 'abroad' && p.birthCountryName ? el('libellePaysNaissance', p.birthCountryName) : '',
  );
}

function passage(p: CpfPassage): string {
  return wrap('passageCertification',
    el('idTechnique', p.idTechnique),
    el('obtentionCertification', 'PAR_ADMISSION'),
    el('donneeCertifiee', true),
    el('dateDebutValidite', p.awardedOn),
    // The title does not expire.
    nil('dateFinValidite'),
    el('presenceNiveauLangueEuro', false),
    el('presenceNiveauNumeriqueEuro', false),
    nil('scoring'),
    nil('mentionValidee'),
    wrap('modalitesInscription', el('modaliteAcces', ACCESS_MODALITY[p.route]), p.route === 'vae' ? el('voieAccessVAE', 'VAE_CLASSIQUE') : ''),
    wrap('identificationTitulaire', titulaire(p.identity)),
  );
}

/** The flux as XML text (UTF-8). At least one passage: an empty flux is not a declaration. */
export function buildCpfFlux(input: CpfFluxInput): string {
  if (input.passages.length === 0) throw new RangeError('A CPF flux declares at least one award.');
  const { idClient, idContrat } = input.settings;
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<cpf:flux xmlns:cpf="${CPF_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
    + el('idFlux', input.idFlux)
    + el('horodatage', cpfTimestamp(input.builtAtMs))
    + wrap('emetteur',
      el('idClient', idClient),
      wrap('certificateurs', wrap('certificateur',
        el('idClient', idClient),
        el('idContrat', idContrat),
        wrap('certifications', wrap('certification',
          el('type', input.certification.type),
          el('code', input.certification.code),
          el('natureDeposant', 'CERTIFICATEUR'),
          wrap('passageCertifications', ...input.passages.map(passage)),
        )),
      )))
    + '</cpf:flux>\n';
}
