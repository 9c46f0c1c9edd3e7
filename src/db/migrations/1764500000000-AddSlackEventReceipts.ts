import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** The Events API events the app took on, by Slack's event id, so a retry of one is handled exactly when it must be. */
export class AddSlackEventReceipts1764500000000 implements MigrationInterface {
  name = 'AddSlackEventReceipts1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'slack_event_receipt',
        columns: [
          { name: 'eventId', type: 'varchar', length: '64', isPrimary: true },
          { name: 'eventType', type: 'varchar', length: '64' },
          { name: 'claimedAt', type: instantType },
          { name: 'handledAt', type: instantType, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'slack_event_receipt',
      new TableIndex({ name: 'slack_event_receipt_claimed', columnNames: ['claimedAt'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('slack_event_receipt');
  }
}
