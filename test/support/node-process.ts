import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface NodeProcess {
  child: ChildProcess;
  /** Group 1 of `ready` once it matched: the URL the process listens on. */
  url: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** Resolves with the exit code once the process is gone. */
  exited: Promise<number | null>;
}

export interface NodeProcessOptions {
  /** For messages: "gateway", "simulators" ... */
  name: string;
  /** A TypeScript file, run from the project root (or a compiled one with `compiled`, from `cwd`). */
  script: string;
  /** Run the script with node alone, without tsx: a compiled gateway. */
  compiled?: boolean;
  /** The working directory; default the project root. */
  cwd?: string;
  /** On top of a clean environment (PATH only). */
  env: Record<string, string>;
  /** Matched against everything the process wrote; group 1 is its URL. */
  ready: RegExp;
  nodeArgs?: string[];
  timeoutMs?: number;
}

/**
 * Runs `node --import tsx <script>`, or `node <script>` for a compiled one (the node binary itself, not
 * a wrapper, so signals such as SIGKILL reach the process under test), and resolves once its output
 * matches `ready`; rejects when it exits or the timeout passes first.
 */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const { name, ready, timeoutMs = 60_000 } = options;
  const loader = options.compiled ? [] : ['--import', 'tsx'];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, options.script], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output}`));
    });
  });
  return { child, url, output: () => output, exited };
}
