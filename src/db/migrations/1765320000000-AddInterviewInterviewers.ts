import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Each interview's interviewers by name (Slack user id and lowercase address), indexed with the
 * interview's start: free times, pools and loops read the interviews of the people they ask about
 * instead of every interview in their window. Filled here from every interview's interviewers.
 */
export class AddInterviewInterviewers1765320000000 implements MigrationInterface {
  name = 'AddInterviewInterviewers1765320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'interview_interviewer',
        columns: [
          { name: 'interviewId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'interviewer', type: 'varchar', length: '254', isPrimary: true },
          { name: 'scheduledTime', type: postgres ? 'timestamptz' : 'datetime' },
        ],
        indices: [{ name: 'interview_interviewer_time', columnNames: ['interviewer', 'scheduledTime'] }],
      }),
    );
    await queryRunner.query(postgres ? FILL_ON_POSTGRES : FILL_ON_SQLITE);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('interview_interviewer');
  }
}

/** Every interview's interviewers, by Slack id and by lowercase address (the JSON of `interviewers`). */
export const FILL_ON_POSTGRES = `
  INSERT INTO "interview_interviewer" ("interviewId", "interviewer", "scheduledTime")
  SELECT DISTINCT "interview"."id", "name"."value", "interview"."scheduledTime"
  FROM "interview"
  CROSS JOIN LATERAL jsonb_array_elements("interview"."interviewers"::jsonb) AS "person"("value")
  CROSS JOIN LATERAL (VALUES ("person"."value" ->> 'slackUserId'), (lower("person"."value" ->> 'email'))) AS "name"("value")
  WHERE "name"."value" IS NOT NULL`;

export const FILL_ON_SQLITE = `
  INSERT OR IGNORE INTO "interview_interviewer" ("interviewId", "interviewer", "scheduledTime")
  SELECT "interview"."id", json_extract("person"."value", '$.slackUserId'), "interview"."scheduledTime"
  FROM "interview", json_each("interview"."interviewers") AS "person"
  WHERE json_extract("person"."value", '$.slackUserId') IS NOT NULL
  UNION
  SELECT "interview"."id", lower(json_extract("person"."value", '$.email')), "interview"."scheduledTime"
  FROM "interview", json_each("interview"."interviewers") AS "person"
  WHERE json_extract("person"."value", '$.email') IS NOT NULL`;
