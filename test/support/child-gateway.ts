import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { startNodeProcess } from './node-process';

/** A gateway in its own process (`node --import tsx src/cli/serve.ts`), so a test can SIGKILL it. */
export interface ChildGateway {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown code runs. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown. Resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the gateway CLI with `env` on top of a clean environment; resolves once it is listening. */
export async function startChildGateway(env: Record<string, string>, timeoutMs = 60_000): Promise<ChildGateway> {
  const { child, url, output, exited } = await startNodeProcess({
    name: 'gateway',
    script: 'src/cli/serve.ts',
    env: { NODE_ENV: 'test', SIMULATORS: 'on', LOG_LEVEL: 'warn', ...env },
    ready: /eKYC gateway ready: (http:\/\/\S+)\/graphql/,
    timeoutMs,
  });
  return {
    url,
    process: child,
    output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
