// Builds the client once if it is missing, so `npm start` and `npm test` work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function ensureClientBuild() {
  if (existsSync(join(root, 'dist/client/index.html'))) return;
  console.log('Building the client (first run)…');
  // Vitest sets NODE_ENV=test, which would build a development client (no service worker).
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error('client build failed');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureClientBuild().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
