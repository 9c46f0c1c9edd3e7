import type { MailAddress } from '../../config/mailAddress';

export interface EmailAttachment {
  filename: string;
  /** MIME type, e.g. `text/calendar; method=REQUEST`. */
  type: string;
  content: string;
}

export interface OutgoingEmail {
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
  /** Echoed back by the provider's webhooks, to find the interview an event is about. */
  tags: Record<string, string>;
}

/** Sends one email; resolves with the provider's message id, or throws a `DeliveryError`. */
export interface Mailer {
  readonly description: string;
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
}
