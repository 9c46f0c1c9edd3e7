import { type MigrationInterface, type QueryRunner, Table, TableColumn, type TableColumnOptions } from 'typeorm';

const text = (name: string, length: number, isNullable = true): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});

/**
 * Many workspaces: the installations (with their bot tokens, encrypted), and the workspace each
 * interview, booking request, availability slot and delivery carries, so every workspace sees only
 * its own. A delivery takes its interview's (or booking request's) workspace. Rows made before this (single-workspace mode) take the
 * bot token's workspace when the app next starts in that mode and Slack confirms the token.
 */
export class AddSlackWorkspaces1764400000000 implements MigrationInterface {
  name = 'AddSlackWorkspaces1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.createTable(
      new Table({
        name: 'slack_installation',
        columns: [
          { ...text('id', 36, false), isPrimary: true },
          { ...text('installationKey', 48, false), isUnique: true },
          text('teamId', 32),
          text('teamName', 255),
          text('enterpriseId', 32),
          text('enterpriseName', 255),
          text('enterpriseUrl', 2048),
          { name: 'isEnterpriseInstall', type: 'boolean', default: false },
          text('appId', 32),
          text('botId', 32),
          text('botUserId', 32, false),
          { name: 'botScopes', type: 'text' },
          { name: 'botTokenEncrypted', type: 'text' },
          text('encryptionKeyId', 16, false),
          text('installerUserId', 32),
          { name: 'installedAt', type: instantType, default: 'CURRENT_TIMESTAMP' },
          { name: 'updatedAt', type: instantType, default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
    for (const table of ['interview', 'booking_request']) {
      await queryRunner.addColumn(table, new TableColumn(text('slackEnterpriseId', 32)));
    }
    for (const table of ['availability_slot', 'delivery_job']) {
      await queryRunner.addColumns(table, [new TableColumn(text('slackTeamId', 32)), new TableColumn(text('slackEnterpriseId', 32))]);
    }
    for (const subject of [
      { table: 'interview', column: 'interviewId' },
      { table: 'booking_request', column: 'bookingRequestId' },
    ]) {
      await queryRunner.query(
        `UPDATE "delivery_job" SET
           "slackTeamId" = (SELECT "slackTeamId" FROM "${subject.table}" WHERE "${subject.table}"."id" = "delivery_job"."${subject.column}"),
           "slackEnterpriseId" = (SELECT "slackEnterpriseId" FROM "${subject.table}" WHERE "${subject.table}"."id" = "delivery_job"."${subject.column}")
         WHERE "delivery_job"."${subject.column}" IS NOT NULL`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['delivery_job', 'availability_slot']) {
      await queryRunner.dropColumns(table, ['slackEnterpriseId', 'slackTeamId']);
    }
    for (const table of ['booking_request', 'interview']) {
      await queryRunner.dropColumn(table, 'slackEnterpriseId');
    }
    await queryRunner.dropTable('slack_installation');
  }
}
