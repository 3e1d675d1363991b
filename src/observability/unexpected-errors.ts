import type { Counter } from 'prom-client';
import type { Logger } from '../logging/logger';
import type { UnexpectedErrorKind } from './metrics';

/**
 * The serving process's net under its own bugs: an uncaught exception, an 'error' event nobody
 * listened to or an unhandled rejection is logged (its name, code and stack frames: never its
 * message, which may quote input) and counted in ekyc_unexpected_errors_total{kind}, and the
 * gateway goes on serving the requests it can. Installed only once the gateway is listening: a fault
 * during start-up still ends the start with its own exit code. Returns the uninstaller.
 */
export function installUnexpectedErrorNet(logger: Logger, counter: Counter<'kind'>): () => void {
  const onUncaught = (error: unknown, origin: string) => {
    const kind: UnexpectedErrorKind = origin === 'unhandledRejection' ? 'unhandled_rejection' : 'uncaught_exception';
    counter.inc({ kind });
    logger.error({ kind, err: describe(error) }, 'unexpected error survived: this is a bug, the gateway goes on serving');
  };
  process.on('uncaughtException', onUncaught);
  return () => process.off('uncaughtException', onUncaught);
}

/** Name, code and the stack's frames; the message line is left out. */
function describe(error: unknown): { name: string; code?: string; stack?: string } {
  const e = error as { name?: unknown; code?: unknown; stack?: unknown };
  const name = typeof e?.name === 'string' ? e.name : typeof error;
  const frames =
    typeof e?.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .join('\n')
      : undefined;
  return { name, ...(typeof e?.code === 'string' ? { code: e.code } : {}), ...(frames ? { stack: frames } : {}) };
}
