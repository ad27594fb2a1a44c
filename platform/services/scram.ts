// SCRAM-SHA-256 (RFC 5802 / 7677), the server side of PostgreSQL's password authentication, for the
// embedded PostgreSQL: PGlite itself trusts whoever connects, so the wire server checks the password
// before handing the connection over. SCRAM never sends the password, and proves the server knows it too.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
const ITERATIONS = 4096;

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** What the server keeps of a password (as PostgreSQL's pg_authid does): a salt and two keys. */
export interface ScramVerifier {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

export function scramVerifier(password: string, salt = randomBytes(16), iterations = ITERATIONS): ScramVerifier {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  return { salt, iterations, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

function attributes(message: string): Map<string, string> {
  return new Map(message.split(',').map((part) => [part.slice(0, 1), part.slice(2)]));
}

/** One authentication exchange: client-first -> server-first, client-final -> server-final or refusal. */
export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';

  constructor(private readonly verifier: ScramVerifier) {}

  /** Reads the client-first message; answers the server-first message, or undefined if malformed. */
  start(clientFirst: string): string | undefined {
    // GS2 header "n,," (no channel binding) or "y,,"; "p=..." asks for channel binding, which a plain
    // local socket cannot offer.
    const match = /^[ny],,(.*)$/.exec(clientFirst);
    if (!match) return undefined;
    this.clientFirstBare = match[1]!;
    const clientNonce = attributes(this.clientFirstBare).get('r');
    if (!clientNonce) return undefined;
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  /** Checks the client's proof; answers the server-final message when the password was right. */
  finish(clientFinal: string): string | undefined {
    const attrs = attributes(clientFinal);
    const proof = attrs.get('p');
    if (attrs.get('r') !== this.nonce || !proof || !/^(biws|eSws)$/.test(attrs.get('c') ?? '')) return undefined;
    const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    const given = Buffer.from(proof, 'base64');
    if (given.length !== signature.length) return undefined;
    const clientKey = Buffer.alloc(given.length);
    for (let i = 0; i < given.length; i++) clientKey[i] = given[i]! ^ signature[i]!;
    if (!timingSafeEqual(sha256(clientKey), this.verifier.storedKey)) return undefined;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}
