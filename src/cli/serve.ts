import { loadConfig, type GatewayConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import { createLogger, type Logger } from '../logging/logger';
import { NoApiKeysError } from '../auth/provision-keys';
import { RoutingError } from '../orchestration/routing';
import { DatabaseUnavailableError } from '../store/database';
import { PolicyError } from '../decision/authoring/policy-loader';
import { ListenError } from '../http/listen';
import { DisposalError } from '../app/disposal-stack';
import { startGateway, type Gateway } from '../main';
import { installUnexpectedErrorNet } from '../observability/unexpected-errors';

/** A signal this soon after the first is the same request to stop, delivered twice. */
const REPEATED_SIGNAL_MS = 500;

async function main(): Promise<void> {
  const config = configOrExit();
  // Created after the configuration is checked: LOG_LEVEL is part of it.
  const logger = createLogger();
  const gateway = await startOrExit(config, logger);
  // From here on a bug hit by one request is logged and counted, not the end of every other request.
  installUnexpectedErrorNet(logger, gateway.metrics.unexpectedErrors);
  console.log(`eKYC gateway ready: ${gateway.url}/graphql`);
  stopOnSignals(gateway, logger);
}

/** The configuration, or exit 2 with one line naming the variable. */
function configOrExit(): GatewayConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
}

/** The started gateway, or exit 2 with one line for a start-up failure the operator can fix. */
async function startOrExit(config: GatewayConfig, logger: Logger): Promise<Gateway> {
  try {
    return await startGateway(config, { logger });
  } catch (error) {
    const line = startFailureLine(error);
    if (line === null) throw error;
    console.error(line);
    process.exit(2);
  }
}

function startFailureLine(error: unknown): string | null {
  // The rules are read only by startGateway; their messages begin with the file's path.
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof RoutingError || error instanceof PolicyError) return `Configuration error: RULES_DIR: ${error.message}`;
  if (error instanceof DatabaseUnavailableError || error instanceof NoApiKeysError || error instanceof ListenError) return `Start failed: ${error.message}`;
  return null;
}

/**
 * Graceful: no new connections, requests in flight (verifications) finish, then pools and the
 * database close. A second signal ends the process at once, unless it comes within half a second
 * of the first: Ctrl-C on `npm start` reaches this process twice (the terminal signals the whole
 * process group, and tsx passes its copy on), and that is one press.
 */
function stopOnSignals(gateway: Gateway, logger: Logger): void {
  let firstSignalAt = 0;
  const onSignal = (signal: string) => {
    if (firstSignalAt === 0) {
      firstSignalAt = Date.now();
      void stop(gateway, logger, signal);
    } else if (Date.now() - firstSignalAt > REPEATED_SIGNAL_MS) {
      logger.warn({ signal }, 'second signal: exiting now, requests in flight are cut');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

async function stop(gateway: Gateway, logger: Logger, signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  try {
    await gateway.close();
  } catch (error) {
    // Everything else was released; the names say what was not (never a driver's message).
    const resources = error instanceof DisposalError ? error.failures.map((failure) => failure.resource) : undefined;
    logger.error({ err: { name: (error as Error)?.name }, resources }, 'shutdown failed');
    process.exit(1);
  }
  logger.info('stopped');
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`Start failed: ${(error as Error).message}`);
  process.exit(1);
});
