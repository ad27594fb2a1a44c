// Validates a CPF flux against the CDC's XML Schema (domain/cpf-accrochage-1.1.2.xsd, the published file
// unchanged) with libxml2 compiled to WebAssembly: a real XML Schema validator, with no system package.
import { readFileSync } from 'node:fs';
import { XmlDocument, XmlError, XmlLibError, XsdValidator } from 'libxml2-wasm';

const XSD_PATH = new URL('../../domain/cpf-accrochage-1.1.2.xsd', import.meta.url);

let validator: XsdValidator | undefined;
function schema(): XsdValidator {
  // Compiled once per process and kept: the schema never changes while it runs.
  validator ??= XsdValidator.fromDoc(XmlDocument.fromBuffer(readFileSync(XSD_PATH)));
  return validator;
}

export interface XsdResult {
  valid: boolean;
  /** libxml2's messages, each with its line: what is wrong, where. */
  errors: string[];
}

export function validateCpfFlux(xml: string): XsdResult {
  let doc: XmlDocument | undefined;
  try {
    doc = XmlDocument.fromString(xml);
    schema().validate(doc);
    return { valid: true, errors: [] };
  } catch (error) {
    // Parse errors (not XML at all) and validation errors alike: the document is refused, with the reasons.
    if (error instanceof XmlError) {
      const details = error instanceof XmlLibError ? error.details : [];
      const errors = details.length ? details.map((d) => `line ${d.line ?? '?'}: ${d.message.trim()}`) : [error.message.trim()];
      return { valid: false, errors };
    }
    throw error;
  } finally {
    doc?.dispose();
  }
}
