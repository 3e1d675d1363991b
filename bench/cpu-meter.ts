/**
 * Where a load's CPU went, per request: the server under test, the simulators, this process (the load
 * generator), and the rest of the machine (PostgreSQL, the kernel's loopback networking, other
 * services), read from Linux /proc before and after the load. With every process on the same cores,
 * this says which one bounds the throughput, and what a server costing nothing would reach.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** /proc reports CPU time in clock ticks of USER_HZ, 100 per second on Linux. */
const TICK_MS = 10;

export interface CpuShare {
  /** CPU milliseconds per request. */
  server: number;
  simulators: number;
  loadGenerator: number;
  rest: number;
  /** Share of all cores busy during the load, 0..1. */
  machineBusy: number;
  /** Share of one core used by the server's busiest thread (its event loop, or PGlite's thread), 0..1. */
  serverBusiestThread: number;
}

export interface CpuMeter {
  /** Ends the measurement; `requests` answered during it. */
  stop(requests: number): CpuShare;
}

function processTicks(pid: number, path = `/proc/${pid}/stat`): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Ticks of each thread of a process, by thread id. */
function threadTicks(pid: number): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ticks.set(tid, processTicks(Number(tid), `/proc/${pid}/task/${tid}/stat`));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return ticks;
}

function machineTicks(): { busy: number; all: number } {
  const [, ...counters] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
  const values = counters.map(Number);
  const all = values.reduce((a, b) => a + b, 0);
  return { busy: all - values[3]! - values[4]!, all }; // idle and iowait are not busy
}

function ownMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function startCpuMeter(serverPid: number, simulatorsPid: number): CpuMeter {
  const started = performance.now();
  const threads0 = threadTicks(serverPid);
  const server0 = processTicks(serverPid);
  const sims0 = processTicks(simulatorsPid);
  const own0 = ownMs();
  const machine0 = machineTicks();
  return {
    stop(requests) {
      const server = (processTicks(serverPid) - server0) * TICK_MS;
      const simulators = (processTicks(simulatorsPid) - sims0) * TICK_MS;
      const loadGenerator = ownMs() - own0;
      const machine = machineTicks();
      const busy = (machine.busy - machine0.busy) * TICK_MS;
      const n = Math.max(requests, 1);
      const wallMs = performance.now() - started;
      let busiest = 0;
      for (const [tid, ticks] of threadTicks(serverPid)) busiest = Math.max(busiest, (ticks - (threads0.get(tid) ?? 0)) * TICK_MS);
      return {
        server: server / n,
        simulators: simulators / n,
        loadGenerator: loadGenerator / n,
        rest: Math.max(0, busy - server - simulators - loadGenerator) / n,
        machineBusy: (machine.busy - machine0.busy) / Math.max(machine.all - machine0.all, 1),
        serverBusiestThread: busiest / wallMs,
      };
    },
  };
}

/**
 * Requests per second the machine would serve if the server itself cost no CPU: all cores divided
 * by what every other process spent per request.
 */
export function rateWithFreeServer(cpu: CpuShare): number {
  const others = cpu.simulators + cpu.loadGenerator + cpu.rest;
  return others > 0 ? (availableParallelism() * 1000) / others : Number.POSITIVE_INFINITY;
}
