/**
 * Where a load's CPU went, per request: the server under test (and its main thread), the simulators,
 * this process (the load generator), a PostgreSQL server running on this machine, and the rest of the
 * machine (the kernel's loopback networking, other services), read from Linux /proc before and after
 * the load. With every process on the same cores, this says which one bounds the throughput, and
 * what a server costing nothing would reach.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** /proc reports CPU time in clock ticks of USER_HZ, 100 per second on Linux. */
const TICK_MS = 10;

export interface CpuShare {
  /** CPU milliseconds per request (NaN when no request was answered). */
  server: number;
  simulators: number;
  loadGenerator: number;
  /** Processes named `postgres` on this machine: a local PostgreSQL server's. */
  postgres: number;
  /** Everything else the machine did: the kernel's networking, other services. */
  rest: number;
  /** Share of all cores busy during the load, 0..1. */
  machineBusy: number;
  /** Share of one core used by the server's main thread (its event loop), 0..1. */
  serverMainThread: number;
}

export interface CpuMeter {
  /** Ends the measurement; `requests` answered during it. */
  stop(requests: number): CpuShare;
}

/** utime + stime of a process or thread, in ticks; null when it is gone. */
function ticksAt(statPath: string): number | null {
  let stat: string;
  try {
    stat = readFileSync(statPath, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (which may hold spaces and parentheses): utime and stime are the
  // 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function processTicks(pid: number): number {
  return ticksAt(`/proc/${pid}/stat`) ?? 0;
}

/** Ticks of every process named `postgres` (a server's postmaster and backends). */
function postgresTicks(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue; // ended meanwhile
    }
    total += ticksAt(`/proc/${pid}/stat`) ?? 0;
  }
  return total;
}

function machineTicks(): { busy: number; all: number } {
  const [, ...counters] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user and nice)
  const values = counters.slice(0, 8).map(Number);
  const all = values.reduce((a, b) => a + b, 0);
  return { busy: all - values[3]! - values[4]!, all };
}

function ownMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function startCpuMeter(serverPid: number, simulatorsPid: number): CpuMeter {
  const started = performance.now();
  const main0 = ticksAt(`/proc/${serverPid}/task/${serverPid}/stat`) ?? 0;
  const server0 = processTicks(serverPid);
  const sims0 = processTicks(simulatorsPid);
  const pg0 = postgresTicks();
  const own0 = ownMs();
  const machine0 = machineTicks();
  return {
    stop(requests) {
      const wallMs = performance.now() - started;
      const mainThread = ((ticksAt(`/proc/${serverPid}/task/${serverPid}/stat`) ?? main0) - main0) * TICK_MS;
      const server = (processTicks(serverPid) - server0) * TICK_MS;
      const simulators = (processTicks(simulatorsPid) - sims0) * TICK_MS;
      const postgres = (postgresTicks() - pg0) * TICK_MS;
      const loadGenerator = ownMs() - own0;
      const machine = machineTicks();
      const busy = (machine.busy - machine0.busy) * TICK_MS;
      const n = requests > 0 ? requests : Number.NaN;
      return {
        server: server / n,
        simulators: simulators / n,
        loadGenerator: loadGenerator / n,
        postgres: postgres / n,
        // Not clamped: a negative rest would be a measurement error worth seeing.
        rest: (busy - server - simulators - postgres - loadGenerator) / n,
        machineBusy: (machine.busy - machine0.busy) / Math.max(machine.all - machine0.all, 1),
        serverMainThread: mainThread / wallMs,
      };
    },
  };
}

/**
 * Requests per second the machine would serve if the server itself cost no CPU: all cores divided
 * by what every other process spent per request, and no more than the simulators' process or the
 * load generator's thread can do on one core each.
 */
export function rateWithFreeServer(cpu: CpuShare): number {
  const others = cpu.simulators + cpu.loadGenerator + cpu.postgres + Math.max(cpu.rest, 0);
  const cap = (msPerRequest: number) => (msPerRequest > 0 ? 1000 / msPerRequest : Number.POSITIVE_INFINITY);
  return Math.min(others > 0 ? (availableParallelism() * 1000) / others : Number.POSITIVE_INFINITY, cap(cpu.simulators), cap(cpu.loadGenerator));
}
