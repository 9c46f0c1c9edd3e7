import { type MigrationInterface, type QueryRunner, Table, TableCheck, TableColumn, TableIndex, type TableColumnOptions } from 'typeorm';

const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});

/**
 * Booking links: a request offering a candidate some availability slots to pick from, the slots
 * it offers, and an outbox that can carry a job about such a request (before any interview
 * exists) as well as one about an interview: exactly one of the two ids is set.
 */
export class AddBookingRequests1764300000000 implements MigrationInterface {
  name = 'AddBookingRequests1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const instant = (name: string, isNullable = false): TableColumnOptions => ({ name, type: instantType, isNullable });

    await queryRunner.createTable(
      new Table({
        name: 'booking_request',
        columns: [
          { ...text('id', 36), isPrimary: true },
          { ...text('token', 32), isUnique: true },
          { ...text('bookingLink', 2048), isUnique: true },
          text('status', 20),
          text('candidateName', 200),
          text('candidateEmail', 254),
          text('role', 200, true),
          { name: 'durationMinutes', type: 'integer', isNullable: true },
          text('timezone', 64),
          { name: 'interviewers', type: 'text' },
          { name: 'notes', type: 'text', isNullable: true },
          text('meetingUrl', 2048, true),
          text('organizerSlackUserId', 32, true),
          text('slackTeamId', 32, true),
          text('channelId', 32, true),
          text('slackMessageChannelId', 32, true),
          text('slackMessageTs', 32, true),
          instant('expiresAt'),
          { ...text('interviewId', 36, true), isUnique: true },
          instant('closedAt', true),
          text('closedBy', 64, true),
          { ...text('idempotencyKey', 255, true), isUnique: true },
          text('requestFingerprint', 64, true),
          { name: 'createdAt', type: instantType, default: 'CURRENT_TIMESTAMP' },
          { name: 'updatedAt', type: instantType, default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [{ name: 'booking_request_created_at', columnNames: ['createdAt'] }],
        checks: [
          { name: 'booking_request_status_known', expression: `"status" IN ('open', 'booked', 'expired', 'cancelled')` },
          { name: 'booking_request_booked_has_interview', expression: `("status" = 'booked') = ("interviewId" IS NOT NULL)` },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'booking_request_slot',
        columns: [
          { ...text('bookingRequestId', 36), isPrimary: true },
          { ...text('slotId', 36), isPrimary: true },
          { name: 'position', type: 'integer' },
          text('interviewerName', 200, true),
        ],
        indices: [{ name: 'booking_request_slot_slot', columnNames: ['slotId'] }],
      }),
    );

    await this.setInterviewIdNullable(queryRunner, true);
    await queryRunner.addColumn(
      'delivery_job',
      new TableColumn({ name: 'bookingRequestId', type: 'varchar', length: '36', isNullable: true }),
    );
    await queryRunner.createIndex(
      'delivery_job',
      new TableIndex({ name: 'delivery_job_booking_request', columnNames: ['bookingRequestId'] }),
    );
    await queryRunner.createCheckConstraint(
      'delivery_job',
      new TableCheck({ name: 'delivery_job_one_subject', expression: `("interviewId" IS NULL) <> ("bookingRequestId" IS NULL)` }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "delivery_job" WHERE "interviewId" IS NULL`);
    await queryRunner.dropCheckConstraint('delivery_job', 'delivery_job_one_subject');
    await queryRunner.dropIndex('delivery_job', 'delivery_job_booking_request');
    await queryRunner.dropColumn('delivery_job', 'bookingRequestId');
    await this.setInterviewIdNullable(queryRunner, false);
    await queryRunner.dropTable('booking_request_slot');
    await queryRunner.dropTable('booking_request');
  }

  /**
   * PostgreSQL changes the constraint in place; SQLite cannot, so TypeORM rebuilds the table,
   * rows and indices included. (TypeORM's changeColumn on PostgreSQL drops and re-adds the column,
   * which would lose every queued job's interview.)
   */
  private async setInterviewIdNullable(queryRunner: QueryRunner, nullable: boolean): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`ALTER TABLE "delivery_job" ALTER COLUMN "interviewId" ${nullable ? 'DROP' : 'SET'} NOT NULL`);
      return;
    }
    await queryRunner.changeColumn(
      'delivery_job',
      'interviewId',
      new TableColumn({ name: 'interviewId', type: 'varchar', length: '36', isNullable: nullable }),
    );
  }
}
