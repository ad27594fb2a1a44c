import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger';

describe('structured logs', () => {
  it('writes one JSON object per line with level, message and fields', () => {
    const lines: string[] = [];
    createLogger({ process: 'test' }, 'info', (l) => lines.push(l)).info('started', { port: 3000 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'started', process: 'test', port: 3000 });
  });

  it('redacts tokens, secrets and passwords at any depth', () => {
    const lines: string[] = [];
    createLogger({}, 'info', (l) => lines.push(l)).warn('link refused', {
      token: 'abc123', request: { headers: { authorization: 'Bearer zzz' }, apiKey: 'k' }, password: 'p',
    });
    expect(lines[0]).not.toMatch(/abc123|zzz|"k"|"p"/);
    expect(JSON.parse(lines[0]!).request.headers.authorization).toBe('[redacted]');
  });

  it('drops messages below the level', () => {
    const lines: string[] = [];
    createLogger({}, 'warn', (l) => lines.push(l)).info('noise');
    expect(lines).toHaveLength(0);
  });
});
