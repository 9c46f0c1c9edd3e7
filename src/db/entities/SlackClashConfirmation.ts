import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../columnTypes';

/**
 * A schedule or reschedule form refused because its time clashes with an interviewer's calendar,
 * by view and content, until `expiresAt`: the same form submitted again unchanged, on any replica,
 * goes ahead anyway. Expired rows are deleted as new refusals are stored.
 */
@Entity({ name: 'slack_clash_confirmation' })
@Index('slack_clash_confirmation_expires', ['expiresAt'])
export class SlackClashConfirmation {
  /** The form's view id (at most 60 characters of it), `:`, and the SHA-256 (hex) of the view id and the values sent. */
  @PrimaryColumn({ type: 'varchar', length: 128 })
  formKey: string;

  /** The workspace the form was submitted in, when Slack said: for whoever reads the table. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackTeamId: string | null;

  @Column(instantColumn())
  expiresAt: Date;
}
