import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RequestAction } from './requestKeys';
import { instantColumn } from '../../db/columnTypes';

/**
 * Every request key used, with what it was first used for: an API Idempotency-Key (`api:…`), a
 * Slack action's or view's id. The key is the primary key, so one key names one request across
 * interviews and booking requests, race-safe on PostgreSQL (see domain/requestKeys.ts).
 */
@Entity({ name: 'request_key' })
export class RequestKey {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'varchar', length: 40 })
  action: RequestAction;

  /** The interview or booking request it changed, or created. */
  @Column({ type: 'varchar', length: 36 })
  targetId: string;

  /** A hash of what the request asked (`fingerprintRequest`), when it carried a body: the key sent with another body is refused. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  fingerprint: string | null;

  @Column(instantColumn())
  createdAt: Date;
}
