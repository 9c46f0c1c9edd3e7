import type { AppConfig } from '../../config/appConfig';
import { Database } from '../../db/database';
import { openDatabase } from '../../domain/appDatabase';
import { DatabaseInstallationStore } from './installationStore';
import { TokenKeyRing } from './tokenKeyRing';

/**
 * What `npm run reencrypt-tokens` does: reseals every stored Slack token under TOKEN_ENCRYPTION_KEY,
 * opening older ones with TOKEN_ENCRYPTION_PREVIOUS_KEYS, so the previous keys can then be dropped.
 * Safe while the app runs (each row changes in its own transaction, only if nobody resealed it
 * first) and safe to run again. Says what it did through `print`; returns the exit code: 1 when a
 * token stays sealed under a key it was not given.
 */
export async function reencryptTokens(config: Pick<AppConfig, 'database' | 'tokenKeys'>, print: (line: string) => void): Promise<number> {
  if (!config.tokenKeys) {
    print(
      'Set TOKEN_ENCRYPTION_KEY to the key to encrypt under, and TOKEN_ENCRYPTION_PREVIOUS_KEYS to the keys tokens are encrypted under now.',
    );
    return 1;
  }
  const keys = new TokenKeyRing(config.tokenKeys);
  const database = new Database(await openDatabase(config.database));
  try {
    const outcome = await new DatabaseInstallationStore(database, keys).reencryptAll();
    print(
      `Re-encrypted the Slack tokens of ${outcome.resealed} installation(s) under key ${keys.currentKeyId} (TOKEN_ENCRYPTION_KEY); ` +
        `${outcome.alreadyCurrent} already were.`,
    );
    if (outcome.unopenable.length === 0) {
      print('No stored token needs TOKEN_ENCRYPTION_PREVIOUS_KEYS any more: remove the old keys from it.');
      return 0;
    }
    for (const row of outcome.unopenable) {
      print(
        `Left as it is: ${row.installationKey} (${row.teamName ?? row.enterpriseName ?? 'unnamed'}), encrypted under key ${row.encryptionKeyId}, which is neither TOKEN_ENCRYPTION_KEY nor in TOKEN_ENCRYPTION_PREVIOUS_KEYS.`,
      );
    }
    print('Add the keys named above to TOKEN_ENCRYPTION_PREVIOUS_KEYS and run this again.');
    return 1;
  } finally {
    await database.close();
  }
}
