import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { DeliveryError, parseRetryAfter } from '../deliveryError';
import type { MailAddress } from '../../config/mailAddress';
import type { Mailer, OutgoingEmail } from './mailer';
import { buildSendGridMailData } from './sendGridRequest';

const SENDGRID_TIMEOUT_MS = 15_000;

/**
 * What @sendgrid/mail rejects with: its `ResponseError` for a 4xx or 5xx (the status as a number
 * `code`, the answer's headers and parsed body), or the network error, whose `code` is a string
 * (ECONNREFUSED, ECONNABORTED for the timeout…).
 */
interface SendGridFailure {
  message?: string;
  code?: number | string;
  response?: { headers?: Record<string, unknown>; body?: { errors?: Array<{ message?: string; field?: string | null }> } };
}

/** Sends through SendGrid's v3 Mail Send API with @sendgrid/mail, as its README shows. */
export class SendGridMailer implements Mailer {
  readonly description = 'SendGrid';
  private readonly mail: MailService;

  /**
   * @param apiUrl SENDGRID_API_URL: another base URL (a proxy, a local fake); a path in it is kept.
   * @param timeoutMs How long one send may take before it counts as network trouble, worth a retry.
   */
  constructor(
    apiKey: string,
    private readonly from: MailAddress,
    apiUrl?: string,
    timeoutMs = SENDGRID_TIMEOUT_MS,
  ) {
    const client = new Client();
    client.setApiKey(apiKey);
    // After setApiKey, which sets the base URL back to SendGrid's own.
    if (apiUrl) client.setDefaultRequest('baseUrl', apiUrl);
    this.mail = new MailService();
    this.mail.setClient(client);
    this.mail.setTimeout(timeoutMs);
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
  const failure = (error ?? {}) as SendGridFailure;
  const status = failure.code;
  if (typeof status !== 'number') {
    return DeliveryError.retryable(`SendGrid could not be reached: ${failure.message || 'network error'}`);
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
