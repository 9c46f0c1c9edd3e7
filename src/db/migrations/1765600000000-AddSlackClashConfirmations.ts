import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Forms refused for a calendar clash, kept in the database so pressing again goes ahead on any replica. */
export class AddSlackClashConfirmations1765600000000 implements MigrationInterface {
  name = 'AddSlackClashConfirmations1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'slack_clash_confirmation',
        columns: [
          { name: 'formKey', type: 'varchar', length: '128', isPrimary: true },
          { name: 'slackTeamId', type: 'varchar', length: '32', isNullable: true },
          { name: 'expiresAt', type: instantType },
        ],
      }),
    );
    await queryRunner.createIndex(
      'slack_clash_confirmation',
      new TableIndex({ name: 'slack_clash_confirmation_expires', columnNames: ['expiresAt'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('slack_clash_confirmation');
  }
}
