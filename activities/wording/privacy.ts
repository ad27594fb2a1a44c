// The candidate space's words for personal data: asking for one's data, and the download page.
import { w } from './catalogue';

export const PRIVACY = {
  sectionTitle: w('Vos données personnelles', 'Your personal data'),
  sectionText: w(
    'Vous pouvez recevoir une copie de tout ce que nous conservons à votre sujet (informations, décisions, historique, e-mails, documents). Nous vous envoyons par e-mail un lien personnel pour la télécharger.',
    'You can get a copy of everything we keep about you (details, decisions, history, emails, documents). We email you a personal link to download it.',
  ),
  requestButton: w('Recevoir mes données par e-mail', 'Email me my data'),
  requestedTitle: w('Demande enregistrée', 'Request recorded'),
  requested: w(
    'Votre demande est enregistrée : un e-mail avec un lien de téléchargement vient de partir vers votre adresse. Le lien ne sert qu’une fois et expire dans 72 heures.',
    'Your request is recorded: an email with a download link is on its way to your address. The link works once and expires in 72 hours.',
  ),
  alreadyRequested: w(
    'Vous avez déjà demandé vos données il y a moins de 10 minutes : utilisez le lien de cet e-mail (regardez aussi dans les indésirables).',
    'You already asked for your data less than 10 minutes ago: use the link in that email (check your spam folder too).',
  ),
  backToSpace: w('Retour à mon espace', 'Back to my space'),
  downloadTitle: w('Télécharger mes données', 'Download my data'),
  downloadText: w(
    'L’archive (format zip) contient vos données en JSON et vos documents. Le lien ne sert qu’une fois : enregistrez le fichier.',
    'The archive (zip) holds your data as JSON and your documents. The link works once: save the file.',
  ),
  downloadButton: w('Télécharger l’archive', 'Download the archive'),
  linkInvalid: w('Ce lien n’est pas valide. Demandez une nouvelle copie depuis votre espace candidat.', 'This link is not valid. Ask for a new copy from your candidate space.'),
  linkUsed: w('Ce lien a déjà servi. Demandez une nouvelle copie depuis votre espace candidat.', 'This link has already been used. Ask for a new copy from your candidate space.'),
  linkExpired: w('Ce lien a expiré. Demandez une nouvelle copie depuis votre espace candidat.', 'This link has expired. Ask for a new copy from your candidate space.'),
  formExpired: w('Ce formulaire a expiré : rechargez la page et recommencez.', 'This form has expired: reload the page and try again.'),
} as const;
