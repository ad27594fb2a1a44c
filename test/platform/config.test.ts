import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../platform/config';

describe('configuration', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.API_PORT).toBe(3000);
    expect(config.JALON_DATA_DIR).toBe('.data');
    expect(config.START_WORKER).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['DATABASE_URL', 'not a url'],
    ['TEMPORAL_ADDRESS', 'localhost'],
    ['TEMPORAL_ADDRESS', 'http://localhost:7233'],
    ['SMTP_URL', 'http://localhost:25'],
    ['API_PORT', '70000'],
    ['START_WORKER', 'yes'],
    ['ACTION_LINK_SECRET', 'short'],
  ])('refuses %s=%s with a one-line error naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('reads booleans literally: "false" is false', () => {
    expect(loadConfig({ START_API: 'false' }).START_API).toBe(false);
    expect(loadConfig({ START_API: '0' }).START_API).toBe(false);
    expect(loadConfig({ START_API: 'true' }).START_API).toBe(true);
  });

  it('never shows passwords or secrets when described', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://jalon:hunter2@db:5432/jalon',
      SMTP_URL: 'smtp://mailer:pa55word@smtp:587',
      ACTION_LINK_SECRET: 'x'.repeat(40),
    });
    const text = JSON.stringify(describeConfig(config));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('pa55word');
    expect(text).not.toContain('x'.repeat(40));
    expect(text).toContain('db:5432');
  });
});

describe('worker cache size', () => {
  it('keeps the cached journeys to about half the heap at 1 MB each (0.45 MB measured), never below 50', async () => {
    const { defaultMaxCachedWorkflows } = await import('../../platform/worker');
    expect(defaultMaxCachedWorkflows(4096 * 1024 * 1024)).toBe(2048);
    expect(defaultMaxCachedWorkflows(100 * 1024 * 1024)).toBe(50);
  });
});
