import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * An interview remembers when the channel was told its candidate had not turned up, so the
 * channel message shows it and a late visit is told as such in the thread.
 */
export class AddInterviewNoShowAlertedAt1764200000000 implements MigrationInterface {
  name = 'AddInterviewNoShowAlertedAt1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instantType = queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await queryRunner.addColumn('interview', new TableColumn({ name: 'noShowAlertedAt', type: instantType, isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('interview', 'noShowAlertedAt');
  }
}
