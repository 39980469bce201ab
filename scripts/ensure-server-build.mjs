// Builds the server bundle when it is missing or older than its sources, so `npm start` never runs
// stale code after a pull and never needs a TypeScript loader at run time.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_BUNDLE, buildServer } from './build-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function bundleMtime() {
  try {
    return statSync(SERVER_BUNDLE).mtimeMs;
  } catch {
    return -1;
  }
}

export async function ensureServerBuild() {
  const sources = Math.max(newestMtime(join(root, 'server')), newestMtime(join(root, 'shared')));
  if (bundleMtime() >= sources) return;
  console.log('Building the server…');
  await buildServer();
}
