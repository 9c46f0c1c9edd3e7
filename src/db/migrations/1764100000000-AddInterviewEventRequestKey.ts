import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Each change to an interview remembers the request that made it (a Slack action, an API
 * Idempotency-Key), so a retried click or request is answered as the first one was, never applied
 * twice. Unique per interview; rows without a key are not constrained.
 */
export class AddInterviewEventRequestKey1764100000000 implements MigrationInterface {
  name = 'AddInterviewEventRequestKey1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'interview_event',
      new TableColumn({ name: 'requestKey', type: 'varchar', length: '255', isNullable: true }),
    );
    await queryRunner.createIndex(
      'interview_event',
      new TableIndex({ name: 'interview_event_request_key', columnNames: ['interviewId', 'requestKey'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('interview_event', 'interview_event_request_key');
    await queryRunner.dropColumn('interview_event', 'requestKey');
  }
}
