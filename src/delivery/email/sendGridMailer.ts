import { MailService } from '@sendgrid/mail';
import { DeliveryError, parseRetryAfter } from '../deliveryError';
import type { MailAddress } from '../../mailAddress';
import type { Mailer, OutgoingEmail } from './mailer';
import { buildSendGridMailData } from './sendGridRequest';
import { UndiciSendGridClient } from './sendGridClient';

const SENDGRID_TIMEOUT_MS = 15_000;

interface SendGridResponseError {
  code?: number;
  response?: { headers?: Record<string, unknown>; body?: { errors?: Array<{ message?: string; field?: string | null }> } };
}

/** Sends through SendGrid's v3 Mail Send API with @sendgrid/mail (its HTTP call made by undici). */
export class SendGridMailer implements Mailer {
  readonly description = 'SendGrid';
  private readonly mail: MailService;

  constructor(
    apiKey: string,
    private readonly from: MailAddress,
    apiUrl?: string,
  ) {
    const client = new UndiciSendGridClient();
    client.setApiKey(apiKey);
    if (apiUrl) {
      client.setDefaultRequest('baseUrl', apiUrl);
    }
    this.mail = new MailService();
    this.mail.setClient(client);
    this.mail.setTimeout(SENDGRID_TIMEOUT_MS);
  }

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    try {
      const [response] = await this.mail.send(buildSendGridMailData(email, this.from));
      const messageId = (response.headers as Record<string, unknown>)['x-message-id'];
      return { providerMessageId: typeof messageId === 'string' && messageId ? messageId : `sendgrid-${response.statusCode}` };
    } catch (error) {
      throw classifySendGridError(error);
    }
  }
}

/** 429, 5xx and network trouble are worth retrying; any other 4xx will fail the same way again. */
export function classifySendGridError(error: unknown): DeliveryError {
  const failure = error as SendGridResponseError & { message?: string };
  const status = failure.code;
  if (typeof status !== 'number') {
    return DeliveryError.retryable(`SendGrid could not be reached: ${failure.message ?? 'network error'}`);
  }
  const details = failure.response?.body?.errors
    ?.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message))
    .filter(Boolean)
    .join('; ');
  const message = `SendGrid answered ${status}${details ? `: ${details}` : ''}`;
  if (status === 429 || status >= 500) {
    return DeliveryError.retryable(message, parseRetryAfter(failure.response?.headers?.['retry-after']));
  }
  return DeliveryError.permanent(message);
}
