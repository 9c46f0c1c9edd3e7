import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Slots made from the panel's free times for one booking request (`findTimes`): they belong to
 * that request alone, so no list of open slots shows them and no other request offers them.
 */
export class AddFreeTimeSlots1764600000000 implements MigrationInterface {
  name = 'AddFreeTimeSlots1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'availability_slot',
      new TableColumn({ name: 'forBookingRequestId', type: 'varchar', length: '36', isNullable: true }),
    );
    await queryRunner.createIndex(
      'availability_slot',
      new TableIndex({ name: 'availability_slot_for_booking_request', columnNames: ['forBookingRequestId'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('availability_slot', 'availability_slot_for_booking_request');
    await queryRunner.dropColumn('availability_slot', 'forBookingRequestId');
  }
}
