import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** How each kind of interview event made with a key names the action that key was used for (see RequestAction). */
const ACTION_OF_EVENT: Record<string, string> = {
  rescheduled: 'reschedule_interview',
  cancelled: 'cancel_interview',
  invitation_resent: 'resend_invitation',
  link_rotated: 'rotate_join_link',
};

/**
 * One scope for request keys: each key's first use (action and target) in a table keyed by the
 * key, so a key reused for another interview or booking request can be refused. Keys already used
 * are carried over, the oldest use of each kept: interviews' and booking requests' creation keys
 * and the keys of interview changes.
 */
export class AddRequestKeys1764520000000 implements MigrationInterface {
  name = 'AddRequestKeys1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'request_key',
        columns: [
          { name: 'key', type: 'varchar', length: '255', isPrimary: true },
          { name: 'action', type: 'varchar', length: '40' },
          { name: 'targetId', type: 'varchar', length: '36' },
          { name: 'fingerprint', type: 'varchar', length: '64', isNullable: true },
          { name: 'createdAt', type: postgres ? 'timestamptz' : 'datetime' },
        ],
      }),
    );
    const eventActions = Object.entries(ACTION_OF_EVENT)
      .map(([event, action]) => `WHEN '${event}' THEN '${action}'`)
      .join(' ');
    const earlierUses = `
      SELECT "idempotencyKey" AS "key", 'schedule_interview' AS "action", "id" AS "targetId", "requestFingerprint" AS "fingerprint", "createdAt"
        FROM "interview" WHERE "idempotencyKey" IS NOT NULL
      UNION ALL
      SELECT "idempotencyKey", 'request_candidate_booking', "id", "requestFingerprint", "createdAt" FROM "booking_request" WHERE "idempotencyKey" IS NOT NULL
      UNION ALL
      SELECT "requestKey", CASE "type" ${eventActions} END, "interviewId", NULL, "createdAt" FROM "interview_event"
        WHERE "requestKey" IS NOT NULL AND "type" IN (${Object.keys(ACTION_OF_EVENT)
          .map((event) => `'${event}'`)
          .join(', ')})`;
    const oldestFirst = `SELECT "key", "action", "targetId", "fingerprint", "createdAt" FROM (${earlierUses}) AS "uses" WHERE true ORDER BY "createdAt"`;
    await queryRunner.query(
      postgres
        ? `INSERT INTO "request_key" ("key", "action", "targetId", "fingerprint", "createdAt") ${oldestFirst} ON CONFLICT DO NOTHING`
        : `INSERT OR IGNORE INTO "request_key" ("key", "action", "targetId", "fingerprint", "createdAt") ${oldestFirst}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('request_key');
  }
}
