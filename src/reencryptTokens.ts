import { ConfigError, loadConfig } from './config/appConfig';
import { reencryptTokens } from './slack/workspaces/reencryptTokens';

/** `npm run reencrypt-tokens` (in the container: `node dist/src/reencryptTokens.js`), with the app's own environment. */
async function main(): Promise<void> {
  const config = loadConfig();
  process.exitCode = await reencryptTokens(config, (line) => process.stdout.write(`${line}\n`));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Re-encrypting failed: ${error instanceof Error ? error.message : String(error)}`}\n`,
  );
  process.exitCode = 1;
});
