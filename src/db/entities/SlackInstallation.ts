import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { instantColumn } from '../columnTypes';

/**
 * The app installed in one Slack workspace, or org-wide in an Enterprise Grid organization, through
 * OAuth (multi-workspace mode). The bot token is stored only encrypted (AES-256-GCM), under the key
 * named by `encryptionKeyId`, so the keys can be rotated (`npm run reencrypt-tokens`).
 */
@Entity({ name: 'slack_installation' })
export class SlackInstallation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** `team:T…` for a workspace, `enterprise:E…` for an org-wide install: one installation each. */
  @Column({ type: 'varchar', length: 48, unique: true })
  installationKey: string;

  /** Null for an org-wide install, which covers every workspace of its organization. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  teamId: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  teamName: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  enterpriseId: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  enterpriseName: string | null;

  /** The organization's Slack address, for an org-wide install (where admins add the app to workspaces). */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  enterpriseUrl: string | null;

  @Column({ type: 'boolean', default: false })
  isEnterpriseInstall: boolean;

  @Column({ type: 'varchar', length: 32, nullable: true })
  appId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  botId: string | null;

  @Column({ type: 'varchar', length: 32 })
  botUserId: string;

  /** The bot scopes Slack granted, comma-separated as Slack writes them. */
  @Column({ type: 'text' })
  botScopes: string;

  /** The bot token, sealed: base64url IV, auth tag and ciphertext, joined by dots. Never plain text. */
  @Column({ type: 'text' })
  botTokenEncrypted: string;

  /** Which key sealed the token: the first 8 hex digits of the SHA-256 of that key. */
  @Column({ type: 'varchar', length: 16 })
  encryptionKeyId: string;

  /** The Slack user who installed the app. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  installerUserId: string | null;

  @CreateDateColumn(instantColumn())
  installedAt: Date;

  @UpdateDateColumn(instantColumn())
  updatedAt: Date;
}
