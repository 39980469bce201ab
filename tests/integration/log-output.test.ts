import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/**
 * The default logger writes stdout once per turn of the event loop. Lines logged in one turn come out
 * together, in order, and whatever is still buffered when the process exits is written too.
 */
test('buffered stdout logs keep every line and their order, including lines logged just before exit', () => {
  const script = `
    import { jsonLogger } from './server/log.ts';
    const log = jsonLogger();
    log.info('first', { n: 1 });
    log.warn('second', { n: 2 });
    setImmediate(() => {
      log.error('third', { n: 3 });
      process.exit(0);
    });
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  const lines = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { msg: string; level: string; n: number });
  expect(lines.map((l) => [l.msg, l.level, l.n])).toEqual([
    ['first', 'info', 1],
    ['second', 'warn', 2],
    ['third', 'error', 3],
  ]);
});
