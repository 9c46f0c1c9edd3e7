import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantColumn } from '../columnTypes';

/**
 * The `state` of one OAuth installation started at /slack/install, kept until Slack sends the
 * browser back with it: used once (deleted as it is checked), on whichever replica the browser
 * comes back to, and never after it expires.
 */
@Entity({ name: 'slack_oauth_state' })
@Index('slack_oauth_state_expires', ['expiresAt'])
export class SlackOAuthState {
  /** HMAC-SHA256 (hex) of the state under SLACK_STATE_SECRET: the table alone cannot finish anyone's installation. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  stateHash: string;

  /** The install options the state stands for (scopes, redirect URL), as JSON, handed back to Bolt's InstallProvider. */
  @Column({ type: 'text' })
  installOptions: string;

  @Column(instantColumn())
  expiresAt: Date;
}
