import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Each interview's video meeting made at a provider (VIDEO_PROVIDER zoom, google-meet or teams). */
export class AddMeetings1764590000000 implements MigrationInterface {
  name = 'AddMeetings1764590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'meeting',
        columns: [
          { name: 'interviewId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'provider', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'joinUrl', type: 'varchar', length: '2048', isNullable: true },
          { name: 'providerMeetingId', type: 'varchar', length: '1024', isNullable: true },
          { name: 'host', type: 'varchar', length: '320', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'createdAt', type: instantType, default: 'CURRENT_TIMESTAMP' },
          { name: 'updatedAt', type: instantType, default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('meeting');
  }
}
