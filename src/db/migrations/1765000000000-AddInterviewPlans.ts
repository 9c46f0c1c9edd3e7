import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Interview plans: loops (several sessions for one candidate, one interview each, grouped by
 * `loopId`), what a pool picked for an interview, and each interviewer's booked time. On
 * PostgreSQL an exclusion constraint (btree_gist) makes two overlapping bookings of one
 * interviewer impossible, whatever races; SQLite, which runs one write at a time, relies on the
 * check the commands make inside their transaction.
 */
export class AddInterviewPlans1765000000000 implements MigrationInterface {
  name = 'AddInterviewPlans1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const instant = postgres ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'loop',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'maxGapMinutes', type: 'integer' },
          { name: 'idempotencyKey', type: 'varchar', length: '255', isNullable: true, isUnique: true },
          { name: 'requestFingerprint', type: 'varchar', length: '64', isNullable: true },
          { name: 'cancelledAt', type: instant, isNullable: true },
          { name: 'createdAt', type: instant },
          { name: 'updatedAt', type: instant },
        ],
      }),
    );
    // Plain ALTER TABLE: TypeORM's addColumns rebuilds a SQLite table from its own idea of the indexes.
    await queryRunner.query('ALTER TABLE "interview" ADD COLUMN "loopId" varchar(36)');
    await queryRunner.query('ALTER TABLE "interview" ADD COLUMN "sessionTitle" varchar(100)');
    await queryRunner.query('ALTER TABLE "interview" ADD COLUMN "poolPicks" text');
    await queryRunner.query('CREATE INDEX "interview_loop" ON "interview" ("loopId")');
    await queryRunner.createTable(
      new Table({
        name: 'interviewer_booking',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'interviewId', type: 'varchar', length: '36' },
          { name: 'interviewer', type: 'varchar', length: '254' },
          { name: 'startsAt', type: instant },
          { name: 'endsAt', type: instant },
        ],
        indices: [
          { name: 'interviewer_booking_interview', columnNames: ['interviewId'] },
          { name: 'interviewer_booking_time', columnNames: ['interviewer', 'startsAt'] },
        ],
        checks: [{ name: 'interviewer_booking_ends_after_start', expression: '"endsAt" > "startsAt"' }],
      }),
    );
    if (postgres) {
      await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
      await queryRunner.query(
        `ALTER TABLE "interviewer_booking" ADD CONSTRAINT "interviewer_booking_no_overlap"
           EXCLUDE USING gist ("interviewer" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('interviewer_booking');
    await queryRunner.query('DROP INDEX "interview_loop"');
    for (const column of ['loopId', 'sessionTitle', 'poolPicks'])
      await queryRunner.query(`ALTER TABLE "interview" DROP COLUMN "${column}"`);
    await queryRunner.dropTable('loop');
  }
}
