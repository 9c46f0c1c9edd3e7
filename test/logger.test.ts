import { Writable } from 'node:stream';
import { chooseLogFormat, createLogger } from '../src/logging/logger';

/** A logger of `format` whose output the test can read. */
function capturedLogger(format: 'pretty' | 'json') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', sink, format), lines };
}

describe('the log format', () => {
  it('is readable lines on a terminal and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });

  it('writes JSON lines with ISO 8601 times for log collectors', () => {
    const { logger, lines } = capturedLogger('json');
    logger.info({ interviewId: 'i-1' }, 'Invitation sent');
    const entry = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 30, msg: 'Invitation sent', interviewId: 'i-1', service: 'interview-scheduler' });
    expect(entry.time).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/));
  });

  it('writes one readable line per entry for a person: time, level, message and fields, secrets still redacted', () => {
    const { logger, lines } = capturedLogger('pretty');
    logger.info({ interviewId: 'i-1', sessionKey: '0123456789abcdef0123456789abcdef' }, 'Invitation sent');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: Invitation sent \{.*"interviewId":"i-1"/);
    expect(lines[0]).toContain('[redacted]');
    expect(lines[0]).not.toContain('0123456789abcdef0123456789abcdef');
    expect(lines[0]).not.toContain('interview-scheduler');
  });
});
