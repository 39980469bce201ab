// bench:checker — the statement checker's cost on the phone: the size of shared/checker as one
// chunk (built with Vite as the client is, minified, gzip level 9) and inference time per
// statement in Node over every corpus statement (after a warm-up pass).
// `npm run bench:checker -- [--json] [--rounds N]`; --json prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { checkStatement } from '../../shared/checker/index.js';
import { parseStatements } from '../../shared/checker/metrics.js';
import { percentile, round } from './stats.js';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, rounds: { type: 'string', default: '5' } },
});
const root = resolve(import.meta.dirname, '../..');

async function chunkGzipKb(): Promise<number> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: resolve(root, 'shared/checker/index.ts'), formats: ['es'], fileName: 'checker' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  const bytes = chunks.reduce((sum, c) => sum + gzipSync(c.code, { level: 9 }).length, 0);
  return round(bytes / 1024, 1);
}

function corpusTexts(): string[] {
  const dirs = [resolve(root, 'corpus'), resolve(root, '../shared/corpus')];
  return dirs.flatMap((dir) => {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .flatMap((f) => parseStatements(readFileSync(resolve(dir, f), 'utf8')).map((s) => s.text));
    } catch {
      return [];
    }
  });
}

const texts = corpusTexts();
for (const t of texts) checkStatement(t);
// Wall time, and CPU time of the process: on a shared machine the wall-time tail is mostly time
// spent waiting for a core, which the CPU figures leave out.
const times: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < Number(values.rounds); r++) {
  for (const t of texts) {
    const c = process.cpuUsage();
    const start = process.hrtime.bigint();
    checkStatement(t);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
    const used = process.cpuUsage(c);
    cpu.push(used.user + used.system);
  }
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const report = {
  chunk_gzip_kb: await chunkGzipKb(),
  p50_us: round(percentile(times, 50), 1),
  p99_us: round(percentile(times, 99), 1),
  cpu_p50_us: percentile(cpu, 50),
  cpu_p99_us: percentile(cpu, 99),
  statements: texts.length,
};
if (values.json) console.log(JSON.stringify(report));
else {
  console.log(
    `checker chunk ${report.chunk_gzip_kb} KB gzip; inference p50 ${report.p50_us} µs, p99 ${report.p99_us} µs ` +
      `(CPU ${report.cpu_p50_us} / ${report.cpu_p99_us} µs) over ${texts.length} statements × ${values.rounds}`,
  );
}
