import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Each interview's event on each interviewer's own calendar: the provider's event id, or why their calendar refused it. */
export class AddInterviewCalendarEvents1764610000000 implements MigrationInterface {
  name = 'AddInterviewCalendarEvents1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'interview_calendar_event',
        columns: [
          { name: 'interviewId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'interviewerKey', type: 'varchar', length: '254', isPrimary: true },
          { name: 'ownerAddress', type: 'varchar', length: '254', isNullable: true },
          { name: 'eventId', type: 'varchar', length: '1024', isNullable: true },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'updatedAt', type: postgres ? 'timestamptz' : 'datetime' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('interview_calendar_event');
  }
}
