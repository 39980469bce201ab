import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Child {
  proc: ChildProcess;
  port: number;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry in its own process and waits for its JSON "listening" line. */
export function startChild(entry: string, env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    proc.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    lines.on('line', (line) => {
      let parsed: { msg?: string; port?: number };
      try {
        parsed = JSON.parse(line) as { msg?: string; port?: number };
      } catch {
        return;
      }
      if (parsed.msg !== 'server.listening' || !parsed.port) return;
      resolve({
        proc,
        port: parsed.port,
        rssMb: () => rssKb(proc.pid!) / 1024,
        stop: () =>
          new Promise((done) => {
            proc.removeAllListeners('exit');
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
      });
    });
  });
}

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}
