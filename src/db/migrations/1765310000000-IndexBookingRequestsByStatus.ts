import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /api/booking-requests?status=open` (and `booked`, `cancelled`) reads a page of the newest
 * requests in that status: an index on (status, createdAt, id) walks them in order, instead of
 * every request made since the oldest open one.
 */
export class IndexBookingRequestsByStatus1765310000000 implements MigrationInterface {
  name = 'IndexBookingRequestsByStatus1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "booking_request_status_newest" ON "booking_request" ("status", "createdAt", "id")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "booking_request_status_newest"');
  }
}
