export interface MailAddress {
  email: string;
  name?: string;
}

const NAMED_ADDRESS = /^\s*"?([^"<>\r\n]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/;
const BARE_ADDRESS = /^\s*([^<>\s"]+@[^<>\s"]+)\s*$/;

/** Reads `Acme Hiring <hiring@acme.com>` or `hiring@acme.com`; null for anything else. */
export function parseMailAddress(value: string): MailAddress | null {
  const named = NAMED_ADDRESS.exec(value);
  if (named) {
    const name = named[1].trim();
    return name ? { name, email: named[2] } : { email: named[2] };
  }
  const bare = BARE_ADDRESS.exec(value);
  return bare ? { email: bare[1] } : null;
}

/** Header values may never carry a line break: that is how extra headers or recipients get in. */
export function stripLineBreaks(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
