import { loadConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import { createLogger } from '../logging/logger';
import { NoApiKeysError } from '../auth/provision-keys';
import { RoutingError } from '../orchestration/routing';
import { DatabaseUnavailableError } from '../store/database';
import { PolicyError } from '../decision/authoring/policy-loader';
import { ListenError } from '../http/listen';
import { startGateway } from '../main';
import { installUnexpectedErrorNet } from '../observability/unexpected-errors';

/** A signal this soon after the first is the same request to stop, delivered twice. */
const REPEATED_SIGNAL_MS = 500;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  // Created after the configuration is checked: LOG_LEVEL is part of it.
  const logger = createLogger();
  let gateway;
  try {
    gateway = await startGateway(config, { logger });
  } catch (error) {
    // The rules are read only now, by startGateway; their messages begin with the file's path.
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof RoutingError || error instanceof PolicyError) {
      console.error(`Configuration error: RULES_DIR: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof DatabaseUnavailableError || error instanceof NoApiKeysError || error instanceof ListenError) {
      console.error(`Start failed: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  // From here on a bug hit by one request is logged and counted, not the end of every other request.
  installUnexpectedErrorNet(logger, gateway.metrics.unexpectedErrors);
  console.log(`eKYC gateway ready: ${gateway.url}/graphql`);
  // Graceful: no new connections, requests in flight (verifications) finish, then pools and the
  // database close. A second signal ends the process at once, unless it comes within half a second
  // of the first: Ctrl-C on `npm start` reaches this process twice (the terminal signals the whole
  // process group, and tsx passes its copy on), and that is one press.
  let firstSignalAt = 0;
  const onSignal = (signal: string) => {
    if (firstSignalAt === 0) {
      firstSignalAt = Date.now();
      void stop(signal);
    } else if (Date.now() - firstSignalAt > REPEATED_SIGNAL_MS) {
      logger.warn({ signal }, 'second signal: exiting now, requests in flight are cut');
      process.exit(1);
    }
  };
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await gateway.close();
    } catch (error) {
      logger.error({ err: { name: (error as Error)?.name } }, 'shutdown failed');
      process.exit(1);
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`Start failed: ${(error as Error).message}`);
  process.exit(1);
});
