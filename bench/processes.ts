/**
 * Child processes of the load bench: the simulators, the gateway, the bare forwarder and bare Apollo,
 * each in its own Node process (`node --import tsx`, no wrapper, so signals reach it), with its RSS
 * read from /proc.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ADVANCE_SIMULATOR_ACCESS_KEY, ADVANCE_SIMULATOR_SECRET_KEY } from '../src/simulators/advance-ai/credentials';
import { CVVN_SIM_API_KEY, CVVN_SIM_API_SECRET } from '../src/simulators/computervision-vn/credentials';
import { HUAWEI_SIM_FIXED_TOKEN, HUAWEI_SIM_PROJECT_ID } from '../src/simulators/huawei-ocr/credentials';
import { INNOV8TIF_SIMULATOR_API_KEY } from '../src/simulators/innov8tif/credentials';
import { VERIHUBS_SIMULATOR_API_KEY, VERIHUBS_SIMULATOR_APP_ID } from '../src/simulators/verihubs/credentials';
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

/** The five simulators in one process (`npm run simulators`); returns the gateway variables that point at them. */
export async function startSimulators(faults: object | null): Promise<{ process: BenchProcess; env: Record<string, string> }> {
  const basePort = await freePortRange(5);
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

/** Variables that point a gateway at simulators running elsewhere, with the simulators' credentials. */
export function vendorEnv(baseUrls: Record<string, string>): Record<string, string> {
  return {
    ...baseUrls,
    HUAWEI_PROJECT_ID: HUAWEI_SIM_PROJECT_ID,
    HUAWEI_AUTH_TOKEN: HUAWEI_SIM_FIXED_TOKEN,
    INNOV8TIF_API_KEY: INNOV8TIF_SIMULATOR_API_KEY,
    ADVANCE_ACCESS_KEY: ADVANCE_SIMULATOR_ACCESS_KEY,
    ADVANCE_SECRET_KEY: ADVANCE_SIMULATOR_SECRET_KEY,
    COMPUTERVISION_VN_API_KEY: CVVN_SIM_API_KEY,
    COMPUTERVISION_VN_API_SECRET: CVVN_SIM_API_SECRET,
    VERIHUBS_APP_ID: VERIHUBS_SIMULATOR_APP_ID,
    VERIHUBS_API_KEY: VERIHUBS_SIMULATOR_API_KEY,
  };
}
