import { startApplication } from './application';
import { ConfigError, loadConfig } from './config/appConfig';
import { chooseLogFormat, createLogger } from './logging/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, undefined, chooseLogFormat(config.logFormat, process.stdout.isTTY === true));
  const application = await startApplication(config, { logger });
  logger.info(`API: ${config.publicBaseUrl}/api/interviews   Join pages: ${config.publicBaseUrl}/interview/?session_key=…`);

  const stopOnSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'Received signal');
    application.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stopOnSignal);
  process.once('SIGINT', stopOnSignal);
}

main().catch((error: unknown) => {
  process.stderr.write(`Interview Scheduler failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
