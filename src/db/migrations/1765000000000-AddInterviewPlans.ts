import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

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
    await queryRunner.addColumns('interview', [
      new TableColumn({ name: 'loopId', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'sessionTitle', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'poolPicks', type: 'text', isNullable: true }),
    ]);
    await queryRunner.createIndex('interview', new TableIndex({ name: 'interview_loop', columnNames: ['loopId'] }));
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
    await queryRunner.dropIndex('interview', 'interview_loop');
    await queryRunner.dropColumns('interview', ['loopId', 'sessionTitle', 'poolPicks']);
    await queryRunner.dropTable('loop');
  }
}
