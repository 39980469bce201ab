import { describe, expect, test } from 'vitest';
import { configFromEnv } from '../../server/config.js';
import { jsonLogger, REDACTED_FIELDS, type LogLevel } from '../../server/log.js';

function capture(level?: LogLevel) {
  const lines: string[] = [];
  const log = jsonLogger((line) => lines.push(line), level);
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, lines, parsed };
}

describe('server log lines', () => {
  test('one JSON object a line: level by name, an ISO time, the fields and the event', () => {
    const { log, lines, parsed } = capture();
    log.info('held.saved', { couple: 'c1', count: 2, gone: undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(parsed()[0]).toEqual({ level: 'info', t: expect.any(String), couple: 'c1', count: 2, msg: 'held.saved' });
    expect(new Date(parsed()[0]!.t as string).toISOString()).toBe(parsed()[0]!.t);
  });

  test('a field that would carry a person’s words or a secret is censored by configuration', () => {
    const { log, lines, parsed } = capture();
    const secrets = Object.fromEntries(REDACTED_FIELDS.map((f) => [f, `SECRET-${f}`]));
    log.warn('event.refused', { ...secrets, event: 'conversation:share', code: 'already_done' });
    log.child({ couple: 'c1', token: 'SECRET-bound' }).info('invite.created', { payload: 'SECRET-child' });
    expect(lines.join('\n')).not.toContain('SECRET');
    expect(parsed()[0]).toMatchObject({ event: 'conversation:share', code: 'already_done', payload: '[redacted]' });
    expect(parsed()[1]).toMatchObject({ couple: 'c1', payload: '[redacted]', msg: 'invite.created' });
  });

  test('a child logger carries its fields on every line, and its parent does not', () => {
    const { log, parsed } = capture();
    const couple = log.child({ couple: 'c7' });
    couple.error('snapshot.failed');
    couple.info('held.delivered', { count: 1 });
    log.info('server.listening', { port: 3000 });
    expect(parsed().map((l) => l.couple)).toEqual(['c7', 'c7', undefined]);
  });

  test('lines below the level are not written; silent writes none', () => {
    const warn = capture('warn');
    warn.log.info('held.saved', { couple: 'c1' });
    warn.log.warn('event.invalid', { event: 'pause:start' });
    warn.log.error('event.failed', { event: 'pause:start' });
    expect(warn.parsed().map((l) => l.level)).toEqual(['warn', 'error']);
    const silent = capture('silent');
    silent.log.error('event.failed', { event: 'pause:start' });
    expect(silent.lines).toEqual([]);
  });
});

describe('LOG_LEVEL', () => {
  test('info unless set; any of the levels, in any case; anything else stops the server', () => {
    expect(configFromEnv({}).logLevel).toBe('info');
    expect(configFromEnv({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(configFromEnv({ LOG_LEVEL: ' Error ' }).logLevel).toBe('error');
    expect(configFromEnv({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => configFromEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
