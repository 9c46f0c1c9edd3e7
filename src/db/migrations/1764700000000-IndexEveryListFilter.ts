import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose lists filter by the candidate's address, newest first. */
const PLANNED_INTERVIEW_TABLES = ['interview', 'booking_request'] as const;

/** Each list filter's column, leading an index in the lists' order (createdAt, id), per table. */
const NEWEST_FIRST_INDEXES: Record<(typeof PLANNED_INTERVIEW_TABLES)[number], Record<string, string | null>> = {
  interview: {
    interview_newest: null,
    interview_candidate_newest: 'candidateEmailNormalized',
    interview_channel_newest: 'channelId',
    interview_team_newest: 'slackTeamId',
  },
  booking_request: {
    booking_request_newest: null,
    booking_request_candidate_newest: 'candidateEmailNormalized',
    booking_request_channel_newest: 'channelId',
    booking_request_team_newest: 'slackTeamId',
  },
};

const REPLACED_INDEXES = { interview: 'interview_created_at', booking_request: 'booking_request_created_at' };

/**
 * Every list filter gets the index its query needs (issue 32), so a page costs the same on a
 * million interviews as on none:
 * - the candidate's address, normalized once when written (`candidateEmailNormalized`, backfilled
 *   here), instead of lower()ed on every row at each read;
 * - the participants (organizer and interviewers' Slack ids), in `interview_participant`, filled
 *   here from the interviewers' JSON, instead of a LIKE on that JSON; with the interview's
 *   creation and start, for a person's newest and upcoming interviews;
 * - the lists' order (createdAt, id) after each filter's column, which a cursor continues as a
 *   range of the same index.
 */
export class IndexEveryListFilter1764700000000 implements MigrationInterface {
  name = 'IndexEveryListFilter1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    for (const table of PLANNED_INTERVIEW_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "candidateEmailNormalized" varchar(254) NOT NULL DEFAULT ''`);
      await queryRunner.query(`UPDATE "${table}" SET "candidateEmailNormalized" = LOWER(TRIM("candidateEmail"))`);
      await normalizeNonAsciiAddresses(queryRunner, table, postgres);
      await queryRunner.query(`DROP INDEX "${REPLACED_INDEXES[table]}"`);
      for (const [name, column] of Object.entries(NEWEST_FIRST_INDEXES[table])) {
        const columns = [...(column ? [column] : []), 'createdAt', 'id'].map((each) => `"${each}"`).join(', ');
        await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" (${columns})`);
      }
    }

    await queryRunner.query(
      `CREATE TABLE "interview_participant" (
        "interviewId" varchar(36) NOT NULL,
        "slackUserId" varchar(32) NOT NULL,
        "createdAt" ${postgres ? 'timestamptz' : 'datetime'} NOT NULL,
        "scheduledTime" ${postgres ? 'timestamptz' : 'datetime'} NOT NULL,
        PRIMARY KEY ("interviewId", "slackUserId"))`,
    );
    const interviewerSlackIds = postgres
      ? `SELECT "interview"."id", "person"->>'slackUserId', "interview"."createdAt", "interview"."scheduledTime"
           FROM "interview" CROSS JOIN LATERAL jsonb_array_elements("interview"."interviewers"::jsonb) AS "person"
          WHERE "person"->>'slackUserId' IS NOT NULL`
      : `SELECT "interview"."id", json_extract("person"."value", '$.slackUserId'), "interview"."createdAt", "interview"."scheduledTime"
           FROM "interview", json_each("interview"."interviewers") AS "person"
          WHERE json_extract("person"."value", '$.slackUserId') IS NOT NULL`;
    const participants = `
      SELECT "id", "organizerSlackUserId", "createdAt", "scheduledTime" FROM "interview" WHERE "organizerSlackUserId" IS NOT NULL
      UNION ${interviewerSlackIds}`;
    await queryRunner.query(
      postgres
        ? `INSERT INTO "interview_participant" ("interviewId", "slackUserId", "createdAt", "scheduledTime") ${participants} ON CONFLICT DO NOTHING`
        : `INSERT OR IGNORE INTO "interview_participant" ("interviewId", "slackUserId", "createdAt", "scheduledTime") ${participants}`,
    );
    await queryRunner.query(
      `CREATE INDEX "interview_participant_newest" ON "interview_participant" ("slackUserId", "createdAt", "interviewId")`,
    );
    await queryRunner.query(`CREATE INDEX "interview_participant_upcoming" ON "interview_participant" ("slackUserId", "scheduledTime")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "interview_participant"`);
    for (const table of PLANNED_INTERVIEW_TABLES) {
      for (const name of Object.keys(NEWEST_FIRST_INDEXES[table])) await queryRunner.query(`DROP INDEX "${name}"`);
      await queryRunner.query(`CREATE INDEX "${REPLACED_INDEXES[table]}" ON "${table}" ("createdAt")`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "candidateEmailNormalized"`);
    }
  }
}

/**
 * SQLite's LOWER changes ASCII letters only (and PostgreSQL's follows its collation): the few
 * addresses with other characters are normalized as the app does it, so old rows are found alike.
 */
async function normalizeNonAsciiAddresses(queryRunner: QueryRunner, table: string, postgres: boolean): Promise<void> {
  const nonAscii = postgres ? `"candidateEmail" ~ '[^ -~]'` : `"candidateEmail" GLOB '*[^ -~]*'`;
  const rows = (await queryRunner.query(`SELECT "id", "candidateEmail" FROM "${table}" WHERE ${nonAscii}`)) as {
    id: string;
    candidateEmail: string;
  }[];
  for (const row of rows) {
    await queryRunner.query(
      `UPDATE "${table}" SET "candidateEmailNormalized" = ${postgres ? '$1' : '?'} WHERE "id" = ${postgres ? '$2' : '?'}`,
      [row.candidateEmail.trim().toLowerCase(), row.id],
    );
  }
}
