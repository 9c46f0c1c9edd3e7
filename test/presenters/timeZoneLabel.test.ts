import { describeTimeZone } from '../../src/presenters/timeZoneLabel';

const winter = new Date('2026-12-01T12:00:00Z');
const summer = new Date('2026-07-01T12:00:00Z');

describe('naming a time zone for a candidate', () => {
  it.each([
    ['Europe/Berlin', 'Berlin time'],
    ['America/Los_Angeles', 'Los Angeles time'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires time'],
    ['Asia/Kolkata', 'Kolkata time'],
    ['Asia/Calcutta', 'Kolkata time'],
    ['Europe/Kiev', 'Kyiv time'],
  ])('names %s by its city, as people know it: %s', (zone, label) => {
    expect(describeTimeZone(zone, winter)).toBe(label);
  });

  it.each(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/GMT+0', 'Zulu'])('calls %s just UTC', (zone) => {
    expect(describeTimeZone(zone, winter)).toBe('UTC');
  });

  it('gives zones that name no city their offset at that moment, the right way round', () => {
    expect(describeTimeZone('CET', winter)).toBe('UTC+1');
    expect(describeTimeZone('CET', summer)).toBe('UTC+2');
    expect(describeTimeZone('Etc/GMT+5', winter)).toBe('UTC-5');
  });
});
