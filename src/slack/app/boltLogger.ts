import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logging/logger';

/**
 * Lets Bolt log through the app's pino logger, so every line has the same shape. With
 * `demoteToDebug`, its warnings and errors become debug lines: for Socket Mode's connection
 * chatter, whose outcome SocketModeConnection logs once.
 */
export function boltLoggerFrom(logger: Logger, { demoteToDebug = false } = {}): BoltLogger {
  const slackLogger = logger.child({ component: 'slack' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) => {
      slackLogger[level](messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))).join(' '));
    };
  return {
    debug: write('debug'),
    info: write(demoteToDebug ? 'debug' : 'info'),
    warn: write(demoteToDebug ? 'debug' : 'warn'),
    error: write(demoteToDebug ? 'debug' : 'error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
