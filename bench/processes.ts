/**
 * Child processes of the load bench: the simulators, the gateway, the bare forwarder and bare Apollo,
 * each in its own Node process (`node --import tsx`, no wrapper, so signals reach it), with its RSS
 * read from /proc.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { SIMULATOR_MODULES } from '../src/simulators/registry';
import { VENDOR_MODULES, VENDORS } from '../src/vendors/registry';
import { freePort } from '../test/support/child-gateway';
import { startNodeProcess } from '../test/support/node-process';

export { freePort };

export interface BenchProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resident set size now, in bytes (Linux /proc). */
  rss(): number;
  /** Peak resident set size since the process started, in bytes. */
  peakRss(): number;
  /** SIGTERM and wait; resolves with the exit code. */
  stop(): Promise<number | null>;
}

function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Starts `script` with `env` and resolves once its output matches `ready` (group 1: its URL). */
export async function startProcess(name: string, script: string, env: Record<string, string>, ready: RegExp, nodeArgs: string[] = []): Promise<BenchProcess> {
  const { child, url, output, exited } = await startNodeProcess({ name, script, env: { LOG_LEVEL: 'warn', ...env }, ready, nodeArgs });
  return {
    name,
    url,
    child,
    output,
    rss: () => procStatusBytes(child.pid!, 'VmRSS'),
    peakRss: () => procStatusBytes(child.pid!, 'VmHWM'),
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free ports, below the ephemeral range so outgoing connections do not take them. */
async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => portIsFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/** Every simulator in one process (`npm run simulators`); returns the gateway variables that point at them. */
export async function startSimulators(faults: object | null): Promise<{ process: BenchProcess; env: Record<string, string> }> {
  const basePort = await freePortRange(VENDORS.length);
  const proc = await startProcess(
    'simulators',
    'src/cli/simulators.ts',
    { SIMULATOR_BASE_PORT: String(basePort), ...(faults ? { SIMULATOR_FAULTS: JSON.stringify(faults) } : {}) },
    /(Ctrl-C stops)/,
  );
  const env: Record<string, string> = {};
  for (const [, name, value] of proc.output().matchAll(/(\w+_BASE_URL)=(\S+)/g)) env[name!] = value!;
  return { process: proc, env };
}

/**
 * Variables that point a gateway at simulators running elsewhere (`baseUrls`: base URL variable →
 * URL, as `npm run simulators` prints them), with each simulator's credentials.
 */
export function vendorEnv(baseUrls: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const vendor of VENDORS) {
    const baseUrl = baseUrls[VENDOR_MODULES[vendor].baseUrlVariable];
    if (baseUrl !== undefined) Object.assign(env, SIMULATOR_MODULES[vendor].gatewayEnv(baseUrl));
  }
  return env;
}
