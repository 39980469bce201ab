import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVER_ENTRY, SERVER_NODE_FLAGS } from './server-flags.mjs';

const root = resolve(import.meta.dirname, '..');

export interface ServerProcess {
  proc: ChildProcessWithoutNullStreams;
  port: number;
  url: string;
  /** Resolves with the exit signal or code. */
  exited: Promise<NodeJS.Signals | number | null>;
  rssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Runs a server entry (the real one by default) in its own process, as `npm start` does,
 * and resolves once it logs the JSON "server.listening" line with its port. `nodeFlags` go on top of
 * the usual ones (a benchmark's `--cpu-prof`, which NODE_OPTIONS does not allow).
 */
export async function startServerProcess(
  env: Record<string, string>,
  entry = SERVER_ENTRY,
  nodeFlags: string[] = [],
): Promise<ServerProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  const args = [...SERVER_NODE_FLAGS, ...nodeFlags, '--import', 'tsx', entry];
  const proc = spawn(process.execPath, args, { cwd: root, env: childEnv });
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    proc.once('exit', (code, signal) => done(signal ?? code)),
  );
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start within 20 s: ${stderr}`)), 20_000);
    void exited.then((how) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${how}) before listening: ${stderr}`));
    });
    createInterface({ input: proc.stdout }).on('line', (line) => {
      let entry: { msg?: string; port?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === 'server.listening' && typeof entry.port === 'number') {
        clearTimeout(timer);
        done(entry.port);
      }
    });
  });
  return {
    proc,
    port,
    url: `http://127.0.0.1:${port}`,
    exited,
    rssMb: () => rssKb(proc.pid!) / 1024,
    cpuMs: () => cpuMs(proc.pid!),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}
