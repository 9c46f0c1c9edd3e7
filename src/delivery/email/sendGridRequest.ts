import { classes } from '@sendgrid/helpers';
import type { MailDataRequired } from '@sendgrid/mail';
import { stripLineBreaks, type MailAddress } from '../../config/mailAddress';
import type { OutgoingEmail } from './mailer';

/**
 * The mail data handed to @sendgrid/mail. Click tracking is off so the join link reaches the
 * candidate exactly as made; header values never carry line breaks.
 */
export function buildSendGridMailData(email: OutgoingEmail, from: MailAddress): MailDataRequired {
  return {
    to: { email: email.to.email, name: email.to.name ? stripLineBreaks(email.to.name) : undefined },
    from: { email: from.email, name: from.name ? stripLineBreaks(from.name) : undefined },
    subject: stripLineBreaks(email.subject),
    content: [
      { type: 'text/plain', value: email.text },
      { type: 'text/html', value: email.html },
    ],
    attachments: email.attachments.map((attachment) => ({
      filename: attachment.filename,
      type: attachment.type,
      disposition: 'attachment',
      content: Buffer.from(attachment.content, 'utf8').toString('base64'),
    })),
    customArgs: email.tags,
    trackingSettings: {
      clickTracking: { enable: false, enableText: false },
      openTracking: { enable: false },
    },
  };
}

/** The exact JSON body @sendgrid/mail POSTs to /v3/mail/send for this email. */
export function buildSendGridRequestBody(email: OutgoingEmail, from: MailAddress): unknown {
  return new classes.Mail(buildSendGridMailData(email, from)).toJSON();
}
