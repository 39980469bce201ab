import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * The handout folder (BRIEF.md, corpus/) sits beside the checkout as `../shared`. A clone made
 * elsewhere from that checkout (CI clones main) finds it beside its origin instead;
 * `BREATHER_HANDOUT` names it outright. Null when none of them holds it.
 */
export function findHandout(): string | null {
  const candidates = [process.env.BREATHER_HANDOUT, resolve(repoRoot, '../shared')];
  try {
    const origin = execFileSync('git', ['remote', 'get-url', 'origin'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    if (isAbsolute(origin)) candidates.push(resolve(origin, '../shared'));
  } catch {
    // not a git checkout, or no origin: the other places still count
  }
  return candidates.find((dir) => dir && existsSync(resolve(dir, 'corpus'))) ?? null;
}
