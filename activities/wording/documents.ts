// What people read about files: why one was refused (next to the upload field), in French and English.
import { w, type Words } from './catalogue';

export type FileRefusal = 'empty' | 'too_large' | 'type' | 'name' | 'missing';

export function fileRefusalText(reason: FileRefusal, maxBytes: number): Words {
  const mb = String(Math.floor(maxBytes / (1024 * 1024)));
  switch (reason) {
    case 'empty':
      return w('Ce fichier est vide (0 octet) : choisissez le bon fichier.', 'This file is empty (0 bytes): choose the right file.');
    case 'too_large':
      return w(`Ce fichier dépasse ${mb} Mo : réduisez-le (par exemple en l’exportant en PDF compressé) puis envoyez-le de nouveau.`, `This file is over ${mb} MB: make it smaller (for example by exporting a compressed PDF), then send it again.`);
    case 'type':
      return w('Ce fichier n’est ni un PDF, ni une image PNG ou JPEG, ni un document Word (DOCX), quel que soit son nom : envoyez l’un de ces formats.', 'This file is not a PDF, a PNG or JPEG image, or a Word document (DOCX), whatever its name: send one of these formats.');
    case 'name':
      return w('Le nom de ce fichier contient un chemin de dossier (« / », « \\ » ou « .. ») : renommez-le simplement, par exemple cv.pdf.', 'This file’s name contains a folder path ("/", "\\" or ".."): rename it simply, for example cv.pdf.');
    case 'missing':
      return w('Choisissez un fichier à envoyer.', 'Choose a file to send.');
  }
}
