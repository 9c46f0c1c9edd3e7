import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox is read by what is due, never by what is stored (issue 32): each claim reads a
 * partial index holding only pending jobs (by when they are due) or only in-flight ones (by when
 * their lease runs out), and pruning reads one holding only finished jobs (by when they finished).
 * On PostgreSQL the job table, updated on every attempt, is vacuumed after 1 % of it changed
 * rather than 20 %, so the claim does not wade through dead index entries between vacuums.
 */
export class IndexDueDeliveries1764710000000 implements MigrationInterface {
  name = 'IndexDueDeliveries1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "delivery_job_due"`);
    await queryRunner.query(`CREATE INDEX "delivery_job_pending_due" ON "delivery_job" ("nextAttemptAt") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "delivery_job_lease_expiry" ON "delivery_job" ("leaseExpiresAt") WHERE "status" = 'in_flight'`);
    await queryRunner.query(
      `CREATE INDEX "delivery_job_finished" ON "delivery_job" ("updatedAt") WHERE "status" IN ('delivered', 'failed', 'skipped')`,
    );
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(
        `ALTER TABLE "delivery_job" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`ALTER TABLE "delivery_job" RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`);
    }
    await queryRunner.query(`DROP INDEX "delivery_job_finished"`);
    await queryRunner.query(`DROP INDEX "delivery_job_lease_expiry"`);
    await queryRunner.query(`DROP INDEX "delivery_job_pending_due"`);
    await queryRunner.query(`CREATE INDEX "delivery_job_due" ON "delivery_job" ("status", "nextAttemptAt")`);
  }
}
