import { readUtcOffset, searchTimeZones, timeZoneOption } from '../../../src/slack/views/timeZoneOptions';

const winter = new Date('2030-01-15T12:00:00Z');
const summer = new Date('2030-07-15T12:00:00Z');

describe('reading a UTC offset someone typed', () => {
  it.each([
    ['+5:30', 330],
    ['UTC-8', -480],
    ['gmt +01:00', 60],
    ['−3', -180],
    ['+0545', 345],
    ['+00:00', 0],
  ])('reads %s as %i minutes', (typed, minutes) => {
    expect(readUtcOffset(typed)).toBe(minutes);
  });

  it.each(['+15', '5:30', 'UTC', '+5:75', 'berlin', '+1:3'])('reads %s as no offset', (typed) => {
    expect(readUtcOffset(typed)).toBeNull();
  });
});

describe('searching time zones', () => {
  it('labels a zone with its offset at that moment, DST included', () => {
    expect(timeZoneOption('Europe/Berlin', winter).text.text).toBe('(UTC+01:00) Europe/Berlin');
    expect(timeZoneOption('Europe/Berlin', summer).text.text).toBe('(UTC+02:00) Europe/Berlin');
  });

  it('labels a half-hour zone with its new offset from the moment its clocks change, not from the next hour', () => {
    // St. John's springs forward at 02:00 local time, 05:30 UTC, and falls back at 04:30 UTC.
    expect(timeZoneOption('America/St_Johns', new Date('2030-03-10T05:10:00Z')).text.text).toBe('(UTC-03:30) America/St_Johns');
    expect(timeZoneOption('America/St_Johns', new Date('2030-03-10T05:40:00Z')).text.text).toBe('(UTC-02:30) America/St_Johns');
    expect(timeZoneOption('America/St_Johns', new Date('2030-11-03T04:10:00Z')).text.text).toBe('(UTC-02:30) America/St_Johns');
    expect(timeZoneOption('America/St_Johns', new Date('2030-11-03T04:40:00Z')).text.text).toBe('(UTC-03:30) America/St_Johns');
  });

  it('finds zones by the offset they have at that moment', async () => {
    expect((await searchTimeZones('utc-7', summer)).map((option) => option.value)).toContain('America/Los_Angeles');
    expect((await searchTimeZones('utc-7', winter)).map((option) => option.value)).not.toContain('America/Los_Angeles');
  });

  it('lists current names, never the old ones Node still knows (Asia/Calcutta, Europe/Kiev)', async () => {
    const values = [...(await searchTimeZones('asia', winter)), ...(await searchTimeZones('europe', winter))].map((option) => option.value);
    expect(values).toContain('Europe/Kyiv');
    expect(values).not.toContain('Europe/Kiev');
    expect((await searchTimeZones('calcutta', winter)).map((option) => option.value)).toEqual([]);
  });

  it('answers at most 100 options, each label within Slack’s 75 characters', async () => {
    const options = await searchTimeZones('a', winter);
    expect(options).toHaveLength(100);
    for (const option of options) expect(option.text.text.length).toBeLessThanOrEqual(75);
  });

  it('ignores case, underscores and extra spaces', async () => {
    expect((await searchTimeZones('  NEW_york ', winter))[0].value).toBe('America/New_York');
  });
});
