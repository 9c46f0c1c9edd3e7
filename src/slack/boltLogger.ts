import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger';

/** Lets Bolt log through the app's pino logger, so every line has the same shape. */
export function boltLoggerFrom(logger: Logger): BoltLogger {
  const slackLogger = logger.child({ component: 'slack' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...messages: unknown[]) => {
    slackLogger[level](messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))).join(' '));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
