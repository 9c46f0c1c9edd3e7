import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** OAuth installation states, kept server-side so each is used once, on any replica. */
export class AddSlackOAuthStates1764510000000 implements MigrationInterface {
  name = 'AddSlackOAuthStates1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'slack_oauth_state',
        columns: [
          { name: 'stateHash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'installOptions', type: 'text' },
          { name: 'expiresAt', type: instantType },
        ],
      }),
    );
    await queryRunner.createIndex('slack_oauth_state', new TableIndex({ name: 'slack_oauth_state_expires', columnNames: ['expiresAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('slack_oauth_state');
  }
}
