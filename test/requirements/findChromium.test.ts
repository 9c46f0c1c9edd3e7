import { findChromium, SYSTEM_CHROMIUM_PATHS, type ChromiumSearchPlaces } from './findChromium';

/** A pretend machine where exactly `executables` exist. */
function machine(executables: string[], env: NodeJS.ProcessEnv = {}): ChromiumSearchPlaces {
  return {
    env,
    homeDirectory: '/home/dev',
    systemPaths: SYSTEM_CHROMIUM_PATHS,
    isExecutable: (path) => executables.includes(path),
    listFolder: (folder) => [
      ...new Set(executables.filter((path) => path.startsWith(`${folder}/`)).map((path) => path.slice(folder.length + 1).split('/')[0])),
    ],
  };
}

describe('finding Chromium for the browser tests', () => {
  it('uses CHROMIUM_PATH when it is set, before any installed browser', () => {
    expect(findChromium(machine(['/opt/chrome/chrome', '/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/chrome/chrome' }))).toEqual({
      found: true,
      path: '/opt/chrome/chrome',
    });
  });

  it('reports a CHROMIUM_PATH that is not there instead of quietly using another browser', () => {
    expect(findChromium(machine(['/usr/bin/chromium'], { CHROMIUM_PATH: '/nonexistent' }))).toEqual({
      found: false,
      reason: 'CHROMIUM_PATH=/nonexistent is not an executable file',
    });
  });

  it('finds the system Chromium, under either of its Debian and Ubuntu names', () => {
    expect(findChromium(machine(['/usr/bin/chromium']))).toEqual({ found: true, path: '/usr/bin/chromium' });
    expect(findChromium(machine(['/usr/bin/chromium-browser']))).toEqual({ found: true, path: '/usr/bin/chromium-browser' });
  });

  it('finds the newest Chromium in Playwright’s cache, in its current and older layouts', () => {
    const cache = '/home/dev/.cache/ms-playwright';
    expect(findChromium(machine([`${cache}/chromium-999/chrome-linux64/chrome`, `${cache}/chromium-1200/chrome-linux64/chrome`]))).toEqual({
      found: true,
      path: `${cache}/chromium-1200/chrome-linux64/chrome`,
    });
    expect(findChromium(machine([`${cache}/chromium-1091/chrome-linux/chrome`]))).toEqual({
      found: true,
      path: `${cache}/chromium-1091/chrome-linux/chrome`,
    });
  });

  it('looks where PLAYWRIGHT_BROWSERS_PATH says Playwright keeps its browsers', () => {
    const path = '/srv/browsers/chromium_headless_shell-1200/chrome-headless-shell-linux64/chrome-headless-shell';
    expect(findChromium(machine([path], { PLAYWRIGHT_BROWSERS_PATH: '/srv/browsers' }))).toEqual({ found: true, path });
  });

  it('says where it looked when there is no browser at all', () => {
    const result = findChromium(machine([]));
    expect(result.found).toBe(false);
    expect(!result.found && result.reason).toBe(
      "no Chromium at /usr/bin/chromium, /usr/bin/chromium-browser, /Applications/Chromium.app/Contents/MacOS/Chromium or in Playwright's cache (/home/dev/.cache/ms-playwright, /home/dev/Library/Caches/ms-playwright)",
    );
  });
});
