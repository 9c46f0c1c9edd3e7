import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import type { Logger } from '../../logging/logger';
import type { MailAddress } from '../../config/mailAddress';
import type { Mailer, OutgoingEmail } from './mailer';
import { buildSendGridRequestBody } from './sendGridRequest';

/**
 * For running without a SendGrid account: each email becomes files in a folder with one name, the
 * exact JSON SendGrid would have received, an .html page a person can open, and its calendar
 * invitation as an .ics file a calendar app can import.
 */
export class MailFolderMailer implements Mailer {
  readonly description: string;
  private readonly directory: string;

  constructor(
    directory: string,
    private readonly from: MailAddress,
    private readonly logger: Logger,
  ) {
    this.directory = resolve(directory);
    this.description = `the local mail folder ${this.directory}`;
  }

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    await mkdir(this.directory, { recursive: true });
    const messageId = `local-${uuidv4()}`;
    const basename = `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId}`;
    const request = buildSendGridRequestBody(email, this.from);
    await writeFile(join(this.directory, `${basename}.json`), `${JSON.stringify(request, null, 2)}\n`);
    await writeFile(join(this.directory, `${basename}.html`), email.html);
    const calendars = email.attachments.filter((attachment) => attachment.type.startsWith('text/calendar'));
    const calendarFiles = calendars.map((_calendar, index) => join(this.directory, `${basename}${index === 0 ? '' : `-${index + 1}`}.ics`));
    for (const [index, calendar] of calendars.entries()) await writeFile(calendarFiles[index], calendar.content);
    this.logger.info(
      {
        file: join(this.directory, `${basename}.html`),
        ...(calendarFiles.length > 0 ? { calendarFile: calendarFiles[0] } : {}),
        to: email.to.email,
        subject: email.subject,
      },
      `Email written to the mail folder (SENDGRID_API_KEY is not set). ${email.text.match(/https?:\/\/\S+/)?.[0] ?? ''}`.trim(),
    );
    return { providerMessageId: messageId };
  }
}
