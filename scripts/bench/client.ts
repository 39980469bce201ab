// bench:client — builds the client, serves it with `npm start`, measures the JS and CSS the phone
// downloads (gzip) and runs Lighthouse in mobile mode with Debian's Chromium. Prints one JSON line
// with --json (progress goes to stderr), including repeat_open_ms (see repeat-open.ts).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium.js';
import { measureRepeatOpen } from './repeat-open.js';
import { round } from './stats.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
  },
});

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist/client');
const CHROME_FLAGS = ['--headless', ...CHROMIUM_ARGS];

function log(message: string): void {
  if (!values.json) console.error(message);
}

const gzipKb = (files: string[]) =>
  round(files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0) / 1024, 1);

/** What index.html makes the phone fetch before the first screen: the entry script and its module preloads. */
function sizes() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<script[^>]*\ssrc="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const assets = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`);
  return {
    initial_js_gzip_kb: gzipKb([...new Set(initial)]),
    total_js_gzip_kb: gzipKb(assets.filter((f) => f.endsWith('.js'))),
    css_gzip_kb: gzipKb(assets.filter((f) => f.endsWith('.css'))),
  };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

async function waitHealthy(url: string, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() - start > timeoutMs) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const RUNS = 3;
const MAX_FAILED_RUNS = 3;

interface Run {
  lighthouse_performance: number;
  lighthouse_accessibility: number;
  lighthouse_best_practices: number;
  lcp_ms: number;
  tbt_ms: number;
  cls: number;
}

/** One Lighthouse pass on a fresh browser; a run Lighthouse itself could not complete is an error, not a zero. */
async function lighthouseRun(url: string, port: number): Promise<Run | { error: string }> {
  const result = await lighthouse(`${url}/`, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
    formFactor: 'mobile',
  });
  if (!result) return { error: 'no result' };
  const { categories, audits, runtimeError } = result.lhr;
  if (runtimeError) return { error: runtimeError.code };
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const numeric = (id: string) => audits[id]?.numericValue ?? NaN;
  const failed = Object.values(audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  if (failed.length) log(`Audits not passed: ${failed.join(', ')}`);
  return {
    lighthouse_performance: score('performance'),
    lighthouse_accessibility: score('accessibility'),
    lighthouse_best_practices: score('best-practices'),
    lcp_ms: Math.round(numeric('largest-contentful-paint')),
    tbt_ms: Math.round(numeric('total-blocking-time')),
    cls: round(numeric('cumulative-layout-shift'), 3),
  };
}

async function main(): Promise<void> {
  if (!values['skip-build']) {
    log('Building the client…');
    const built = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error('client build failed');
  }
  const size = sizes();

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'breather-bench-client-'));
  const url = `http://127.0.0.1:${port}`;
  // `npm start`, in its own process group so the whole tree stops at the end.
  const server = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: 'ignore',
    detached: true,
  });
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    await waitHealthy(url);
    log(`Serving on ${url}; running Lighthouse (mobile) ${RUNS} times…`);
    const runs: Run[] = [];
    for (let attempt = 0; runs.length < RUNS && attempt < RUNS + MAX_FAILED_RUNS; attempt++) {
      chrome = await chromeLauncher.launch({
        chromePath: CHROMIUM_PATH,
        chromeFlags: CHROME_FLAGS,
        logLevel: 'silent',
      });
      const run = await lighthouseRun(url, chrome.port);
      chrome.kill();
      chrome = undefined;
      if ('error' in run) log(`Lighthouse run failed (${run.error}); trying again`);
      else runs.push(run);
    }
    if (runs.length === 0) throw new Error('every Lighthouse run failed');
    // Timings swing from run to run: report the run with the median performance score.
    runs.sort((x, y) => x.lighthouse_performance - y.lighthouse_performance);
    const median = runs[Math.floor(runs.length / 2)]!;
    log(`Performance scores: ${runs.map((r) => r.lighthouse_performance).join(', ')}`);
    log('Opening the installed app again, offline, CPU throttled 4×…');
    const repeat_open_ms = await measureRepeatOpen(url);
    console.log(JSON.stringify({ ...size, ...median, repeat_open_ms }));
  } finally {
    chrome?.kill();
    if (server.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
