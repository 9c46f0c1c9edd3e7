import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A booking request may offer a plan's free times: a panel with pools, or a loop. The plan (its
 * sessions, their people and pools, the longest gap) is kept with the request, so the times are
 * checked again, and the picks made, when the candidate books. And `GET /api/booking-requests
 * ?status=open` (or `booked`, `cancelled`) reads the newest requests in that status through an
 * index on (status, createdAt, id), instead of every request made since the oldest open one.
 */
export class AddBookingRequestPlans1765300000000 implements MigrationInterface {
  name = 'AddBookingRequestPlans1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE: TypeORM's addColumn rebuilds a SQLite table from its own idea of the indexes.
    await queryRunner.query('ALTER TABLE "booking_request" ADD COLUMN "plan" text');
    await queryRunner.query('CREATE INDEX "booking_request_status_newest" ON "booking_request" ("status", "createdAt", "id")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "booking_request_status_newest"');
    await queryRunner.query('ALTER TABLE "booking_request" DROP COLUMN "plan"');
  }
}
