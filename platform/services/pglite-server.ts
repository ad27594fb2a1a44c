// A PostgreSQL wire-protocol server over one PGlite instance, for many client connections.
// Why not @electric-sql/pglite-socket's server: it queues single protocol messages, so the extended
// protocol (Parse, Bind, Execute, Sync) of concurrent clients can interleave on PGlite's single session
// ("bind message supplies 6 parameters, but prepared statement "" requires 3", "portal "" does not exist").
// Here a connection's messages are run as one unit up to its Sync (or simple Query), and while a
// connection holds an open transaction, only that connection's units run.
// PGlite trusts whoever connects: the server asks for the password (SCRAM-SHA-256) before a connection
// reaches PGlite, so another process of the machine cannot read or write the records without it.
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { SCRAM_MECHANISM, ScramExchange, scramVerifier, type ScramVerifier } from './scram';

const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;
/** Message types that end a unit: Sync, simple Query, Flush, FunctionCall, CopyDone/CopyFail. */
const UNIT_END = new Set(['S', 'Q', 'H', 'F', 'c', 'f']);

interface Unit {
  conn: Connection;
  messages: Uint8Array[];
}

/** The user the embedded server knows (PGlite has one session and one role). */
export const EMBEDDED_USER = 'postgres';

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const message = (type: string, body: Buffer) => Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
const authRequest = (code: number, data: Buffer = Buffer.alloc(0)) => message('R', Buffer.concat([int32(code), data]));

function startupParams(startup: Buffer): Map<string, string> {
  const parts = startup.subarray(8).toString('utf8').split('\0');
  const params = new Map<string, string>();
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i]) params.set(parts[i]!, parts[i + 1]!);
  return params;
}

function fatal(code: string, text: string): Buffer {
  const field = (t: string, v: string) => Buffer.concat([Buffer.from(t), Buffer.from(`${v}\0`, 'utf8')]);
  return message('E', Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', code), field('M', text), Buffer.from([0])]));
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private pending: Uint8Array[] = [];
  /** Set while the password exchange runs: the startup message waits here until the password is right. */
  private auth: { startup: Uint8Array; user: string; scram?: ScramExchange } | undefined;
  closed = false;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly submit: (unit: Unit) => void,
    private readonly verifier: ScramVerifier | undefined,
  ) {}

  /** Handles one typed message of the password exchange ('p'); false when the connection was refused. */
  private authenticate(type: string, body: Buffer): boolean {
    const auth = this.auth!;
    const refuse = () => {
      this.socket.end(fatal('28P01', `password authentication failed for user "${auth.user}"`));
      return false;
    };
    if (type !== 'p') return refuse();
    if (!auth.scram) {
      // SASLInitialResponse: mechanism name, then the client-first message.
      const nameEnd = body.indexOf(0);
      if (body.subarray(0, nameEnd).toString() !== SCRAM_MECHANISM) return refuse();
      const length = body.readInt32BE(nameEnd + 1);
      auth.scram = new ScramExchange(this.verifier!);
      const serverFirst = auth.scram.start(body.subarray(nameEnd + 5, nameEnd + 5 + length).toString('utf8'));
      if (!serverFirst) return refuse();
      this.socket.write(authRequest(11, Buffer.from(serverFirst)));
      return true;
    }
    const serverFinal = auth.scram.finish(body.toString('utf8'));
    if (!serverFinal || auth.user !== EMBEDDED_USER) return refuse();
    this.socket.write(authRequest(12, Buffer.from(serverFinal)));
    // Authenticated: PGlite now answers the startup (AuthenticationOk, parameters, ReadyForQuery).
    this.auth = undefined;
    this.started = true;
    this.submit({ conn: this, messages: [auth.startup] });
    return true;
  }

  receive(chunk: Buffer) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.auth) {
        if (this.buffer.length < 5) return;
        const length = 1 + this.buffer.readInt32BE(1);
        if (length > 4096) return void this.socket.destroy(); // no password exchange is this long
        if (this.buffer.length < length) return;
        const type = String.fromCharCode(this.buffer[0]!);
        const body = Buffer.from(this.buffer.subarray(5, length));
        this.buffer = this.buffer.subarray(length);
        if (!this.authenticate(type, body)) return;
        continue;
      }
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N'); // no encryption on a local socket; the client goes on in clear
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.end(); // cancelling a running query is not supported by PGlite
          return;
        }
        if (this.verifier) {
          // Ask for the password (AuthenticationSASL, SCRAM-SHA-256 only); the startup waits.
          this.auth = { startup: new Uint8Array(message), user: startupParams(message).get('user') ?? '' };
          this.socket.write(authRequest(10, Buffer.from(`${SCRAM_MECHANISM}\0\0`)));
          continue;
        }
        this.started = true;
        this.submit({ conn: this, messages: [new Uint8Array(message)] });
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const type = String.fromCharCode(this.buffer[0]!);
      const message = new Uint8Array(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      if (type === 'X') {
        this.socket.end(); // Terminate: the session is PGlite's single one, it must not end
        return;
      }
      this.pending.push(message);
      if (UNIT_END.has(type) || type === 'p') {
        this.submit({ conn: this, messages: this.pending });
        this.pending = [];
      }
    }
  }
}

export class PgliteServer {
  private server: Server | undefined;
  private readonly queue: Unit[] = [];
  private running = false;
  /** The connection whose transaction is open on the shared session, if any. */
  private owner: Connection | undefined;
  private readonly connections = new Set<Connection>();
  private nextId = 1;

  private readonly verifier: ScramVerifier | undefined;

  /** `password` undefined: no password asked (only for a server nobody else can reach). */
  constructor(
    private readonly db: PGlite,
    private readonly maxConnections: number,
    password?: string,
  ) {
    this.verifier = password === undefined ? undefined : scramVerifier(password);
  }

  async listen(port: number, host: string): Promise<number> {
    await this.db.waitReady;
    this.server = createServer((socket) => this.accept(socket));
    this.server.maxConnections = this.maxConnections;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  stats() {
    return { connections: this.connections.size, queued: this.queue.length };
  }

  private accept(socket: Socket) {
    socket.setNoDelay(true);
    const conn = new Connection(this.nextId++, socket, (unit) => {
      this.queue.push(unit);
      void this.drain();
    }, this.verifier);
    this.connections.add(conn);
    socket.on('data', (chunk: Buffer) => conn.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      conn.closed = true;
      this.connections.delete(conn);
      for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.conn === conn) this.queue.splice(i, 1);
      void this.drain();
    });
  }

  private next(): Unit | undefined {
    const index = this.owner ? this.queue.findIndex((u) => u.conn === this.owner) : 0;
    return index >= 0 ? this.queue.splice(index, 1)[0] : undefined;
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        // A client gone in the middle of its transaction: roll it back so others can go on.
        if (this.owner?.closed) {
          // exec takes PGlite's lock itself (wrapping it in runExclusive would deadlock).
          await this.db.exec('ROLLBACK').catch(() => undefined);
          this.owner = undefined;
        }
        const unit = this.next();
        if (!unit) return;
        if (unit.conn.closed) continue;
        await this.db.runExclusive(async () => {
          for (const message of unit.messages) {
            await this.db.execProtocolRawStream(message, {
              onRawData: (data) => {
                if (!unit.conn.closed && data.length > 0) unit.conn.socket.write(data);
              },
            });
          }
        }).catch((error: Error) => {
          // PGlite reports SQL errors in the protocol stream; a throw here is a broken session.
          unit.conn.socket.destroy(error);
        });
        this.owner = this.db.isInTransaction() ? unit.conn : undefined;
      }
    } finally {
      this.running = false;
    }
  }
}
