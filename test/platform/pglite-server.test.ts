// The embedded PostgreSQL server under concurrent clients: the extended protocol of one connection
// must not interleave with another's on PGlite's single session, and a transaction holds the session.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../platform/services/embedded-postgres';

let server: EmbeddedPostgres;
const PASSWORD = 'correct horse battery staple';
beforeAll(async () => {
  server = await startEmbeddedPostgres({ port: 0, maxConnections: 20, password: PASSWORD });
});
afterAll(async () => server?.stop());

// Raw wire protocol, so the test controls exactly when each message leaves each connection.
const cstr = (s: string) => Buffer.from(`${s}\0`);
const int16 = (n: number) => { const b = Buffer.alloc(2); b.writeInt16BE(n); return b; };
const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b; };
const msg = (type: string, ...parts: Buffer[]) => { const body = Buffer.concat(parts); return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]); };
const parse = (sql: string) => msg('P', cstr(''), cstr(sql), int16(0));
const bind = (values: string[]) => msg('B', cstr(''), cstr(''), int16(0), int16(values.length), ...values.flatMap((v) => [int32(Buffer.byteLength(v)), Buffer.from(v)]), int16(0));
const execute = () => msg('E', cstr(''), int32(0));
const sync = () => msg('S');

class RawClient {
  private received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private constructor(private readonly socket: Socket) {
    socket.on('data', (c: Buffer) => {
      this.received = Buffer.concat([this.received, c]);
      this.waiters.splice(0).forEach((w) => w());
    });
  }
  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const client = new RawClient(socket);
    const body = Buffer.concat([int32(196608), cstr('user'), cstr('postgres'), cstr('database'), cstr('postgres'), Buffer.from([0])]);
    socket.write(Buffer.concat([int32(body.length + 4), body]));
    await client.scram(PASSWORD);
    await client.untilReady();
    return client;
  }
  /** The client side of SCRAM-SHA-256, written out so the test controls every byte. */
  private async scram(password: string) {
    const next = async (): Promise<[string, Buffer]> => {
      for (;;) {
        if (this.received.length >= 5 && this.received.length >= 1 + this.received.readInt32BE(1)) {
          const length = 1 + this.received.readInt32BE(1);
          const out: [string, Buffer] = [String.fromCharCode(this.received[0]!), this.received.subarray(5, length)];
          this.received = this.received.subarray(length);
          return out;
        }
        await new Promise<void>((r) => this.waiters.push(r));
      }
    };
    const [, sasl] = await next();
    expect(sasl.readInt32BE(0)).toBe(10);
    const clientNonce = randomBytes(18).toString('base64');
    const clientFirstBare = `n=*,r=${clientNonce}`;
    const first = Buffer.from(`n,,${clientFirstBare}`);
    this.send(msg('p', cstr('SCRAM-SHA-256'), int32(first.length), first));
    const [, cont] = await next();
    const serverFirst = cont.subarray(4).toString();
    const attrs = new Map(serverFirst.split(',').map((p) => [p[0]!, p.slice(2)]));
    const salted = pbkdf2Sync(password, Buffer.from(attrs.get('s')!, 'base64'), Number(attrs.get('i')), 32, 'sha256');
    const clientKey = createHmac('sha256', salted).update('Client Key').digest();
    const storedKey = createHash('sha256').update(clientKey).digest();
    const withoutProof = `c=biws,r=${attrs.get('r')}`;
    const signature = createHmac('sha256', storedKey).update(`${clientFirstBare},${serverFirst},${withoutProof}`).digest();
    const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)).toString('base64');
    this.send(msg('p', Buffer.from(`${withoutProof},p=${proof}`)));
    const [, final] = await next();
    expect(final.readInt32BE(0)).toBe(12);
  }
  send(...messages: Buffer[]) {
    this.socket.write(Buffer.concat(messages));
  }
  /** Reads messages until ReadyForQuery; returns [type, body] pairs. */
  async untilReady(): Promise<[string, Buffer][]> {
    const out: [string, Buffer][] = [];
    for (;;) {
      while (this.received.length >= 5) {
        const length = 1 + this.received.readInt32BE(1);
        if (this.received.length < length) break;
        const type = String.fromCharCode(this.received[0]!);
        out.push([type, this.received.subarray(5, length)]);
        this.received = this.received.subarray(length);
        if (type === 'Z') return out;
      }
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
  close() {
    this.socket.end();
  }
}

const dataRowText = (messages: [string, Buffer][]) =>
  messages.filter(([t]) => t === 'D').map(([, b]) => b.subarray(6, 6 + b.readInt32BE(2)).toString());
const errors = (messages: [string, Buffer][]) => messages.filter(([t]) => t === 'E').map(([, b]) => b.toString('latin1'));

describe('#2 the embedded PostgreSQL asks for its password', () => {
  const urlWith = (user: string, password: string) => {
    const url = new URL(server.url);
    url.username = user;
    url.password = password;
    return url.toString();
  };
  const tryConnect = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return (await client.query('SELECT 1 AS one')).rows[0].one as number;
    } catch (error) {
      return (error as { code?: string }).code;
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  it('refuses a wrong password, an empty one, and another user (28P01), and reads nothing', async () => {
    expect(await tryConnect(urlWith('nobody', 'wrongpass'))).toBe('28P01');
    expect(await tryConnect(urlWith('postgres', 'wrongpass'))).toBe('28P01');
    expect(await tryConnect(urlWith('postgres', ''))).not.toBe(1);
    expect(await tryConnect(urlWith('nobody', PASSWORD))).toBe('28P01');
  });

  it('accepts its own URL (the right password, through SCRAM-SHA-256)', async () => {
    expect(new URL(server.url).password).toBe(encodeURIComponent(PASSWORD));
    expect(await tryConnect(server.url)).toBe(1);
  });

  it('makes up a long random password when none is given', async () => {
    const other = await startEmbeddedPostgres({ port: 0, maxConnections: 2 });
    try {
      expect(new URL(other.url).password).toMatch(/^[0-9a-f]{48}$/);
      expect(await tryConnect(other.url)).toBe(1);
    } finally {
      await other.stop();
    }
  });
});

describe('embedded PostgreSQL server', () => {
  it('keeps one connection\'s Parse/Bind/Execute together when another connection runs its own in between', async () => {
    const a = await RawClient.open(server.port);
    const b = await RawClient.open(server.port);
    a.send(parse('SELECT $1::int + $2::int + $3::int'));
    // Give the server every chance to act on A's lone Parse before B's statement arrives.
    await new Promise((r) => setTimeout(r, 50));
    b.send(parse('SELECT upper($1::text)'), bind(['b']), execute(), sync());
    const fromB = await b.untilReady();
    a.send(bind(['1', '2', '3']), execute(), sync());
    const fromA = await a.untilReady();
    expect(errors(fromB)).toEqual([]);
    expect(dataRowText(fromB)).toEqual(['B']);
    expect(errors(fromA)).toEqual([]);
    expect(dataRowText(fromA)).toEqual(['6']);
    a.close();
    b.close();
  });

  it('runs many concurrent parameterised queries and transactions from two pools without a mix-up', async () => {
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: server.url, max: 8 }));
    await pools[0]!.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
    await pools[0]!.query('INSERT INTO counter VALUES (1, 0)');
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const pool = pools[i % 2]!;
        try {
          if (i % 4 === 0) {
            const c = await pool.connect();
            try {
              await c.query('BEGIN');
              const { rows } = await c.query('SELECT n FROM counter WHERE id = $1 FOR UPDATE', [1]);
              await c.query('UPDATE counter SET n = $1 WHERE id = $2', [rows[0].n + 1, 1]);
              await c.query('COMMIT');
            } finally {
              c.release();
            }
          } else {
            const { rows } = await pool.query('SELECT $1::int * $2::int AS p, $3::text AS t', [i, 2, `row-${i}`]);
            if (rows[0].p !== i * 2 || rows[0].t !== `row-${i}`) failures.push(`query ${i} got ${JSON.stringify(rows[0])}`);
          }
        } catch (error) {
          failures.push((error as Error).message);
        }
      }),
    );
    const { rows } = await pools[0]!.query('SELECT n FROM counter WHERE id = 1');
    await Promise.all(pools.map((p) => p.end()));
    expect(failures).toEqual([]);
    expect(rows[0].n).toBe(50); // no lost update
  });

  it('rolls back the transaction of a client that disconnects in the middle, and serves the others', async () => {
    const a = await RawClient.open(server.port);
    a.send(msg('Q', cstr('CREATE TABLE IF NOT EXISTS half (v int)')));
    await a.untilReady();
    a.send(msg('Q', cstr('BEGIN; INSERT INTO half VALUES (1);')));
    await a.untilReady();
    a.close();
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM half');
    await pool.end();
    expect(rows[0].n).toBe(0);
  });
});
