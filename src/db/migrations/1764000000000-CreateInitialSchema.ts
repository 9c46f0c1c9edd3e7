import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions } from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' });
const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});

/** The first schema: interviews, availability slots, the delivery outbox and the audit trail. */
export class CreateInitialSchema1764000000000 implements MigrationInterface {
  name = 'CreateInitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const instant = (name: string, isNullable = false): TableColumnOptions => ({ name, type: instantType, isNullable });
    const createdAt: TableColumnOptions = { name: 'createdAt', type: instantType, default: 'CURRENT_TIMESTAMP' };
    const updatedAt: TableColumnOptions = { name: 'updatedAt', type: instantType, default: 'CURRENT_TIMESTAMP' };

    await queryRunner.createTable(
      new Table({
        name: 'interview',
        columns: [
          id(),
          text('candidateName', 200),
          text('candidateEmail', 254),
          text('role', 200, true),
          { name: 'interviewers', type: 'text' },
          text('organizerSlackUserId', 32, true),
          text('slackTeamId', 32, true),
          text('channelId', 32, true),
          text('slackMessageChannelId', 32, true),
          text('slackMessageTs', 32, true),
          instant('scheduledTime'),
          { name: 'durationMinutes', type: 'integer' },
          text('timezone', 64),
          text('status', 20),
          { ...text('sessionKey', 32), isUnique: true },
          { ...text('joinLink', 2048), isUnique: true },
          text('meetingUrl', 2048, true),
          { name: 'notes', type: 'text', isNullable: true },
          { ...text('slotId', 36, true), isUnique: true },
          { name: 'calendarSequence', type: 'integer', default: 0 },
          { ...text('idempotencyKey', 255, true), isUnique: true },
          text('requestFingerprint', 64, true),
          instant('candidateFirstOpenedAt', true),
          instant('cancelledAt', true),
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'interview_created_at', columnNames: ['createdAt'] },
          { name: 'interview_scheduled_time', columnNames: ['scheduledTime'] },
        ],
        checks: [{ name: 'interview_status_known', expression: `"status" IN ('scheduled', 'cancelled')` }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'availability_slot',
        columns: [
          id(),
          instant('startsAt'),
          { name: 'durationMinutes', type: 'integer' },
          text('interviewer', 254),
          text('createdBySlackUserId', 32, true),
          { ...text('bookedInterviewId', 36, true), isUnique: true },
          createdAt,
        ],
        indices: [{ name: 'availability_slot_starts_at', columnNames: ['startsAt'] }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'delivery_job',
        columns: [
          id(),
          text('kind', 40),
          text('interviewId', 36),
          { name: 'payload', type: 'text', isNullable: true },
          text('status', 20),
          { name: 'attempts', type: 'integer', default: 0 },
          instant('nextAttemptAt'),
          text('leaseOwner', 64, true),
          instant('leaseExpiresAt', true),
          text('providerMessageId', 255, true),
          { name: 'lastError', type: 'text', isNullable: true },
          instant('deliveredAt', true),
          createdAt,
          updatedAt,
        ],
        indices: [
          { name: 'delivery_job_due', columnNames: ['status', 'nextAttemptAt'] },
          { name: 'delivery_job_interview', columnNames: ['interviewId'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'interview_event',
        columns: [
          id(),
          text('interviewId', 36),
          text('type', 40),
          text('actor', 64),
          { name: 'details', type: 'text', isNullable: true },
          createdAt,
        ],
        indices: [{ name: 'interview_event_interview', columnNames: ['interviewId', 'createdAt'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('interview_event');
    await queryRunner.dropTable('delivery_job');
    await queryRunner.dropTable('availability_slot');
    await queryRunner.dropTable('interview');
  }
}
