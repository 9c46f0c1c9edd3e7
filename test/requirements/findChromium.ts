import { accessSync, constants, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Linux distributions and macOS put a Chromium a person installed. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * The executable inside each browser folder of Playwright's cache (`npx playwright install
 * chromium`), newest layout first: Chrome for Testing, the older Chromium builds, the headless shell.
 */
const PLAYWRIGHT_EXECUTABLES: Array<{ folderPrefix: string; executable: string[] }> = [
  { folderPrefix: 'chromium-', executable: ['chrome-linux64', 'chrome'] },
  { folderPrefix: 'chromium-', executable: ['chrome-linux-arm64', 'chrome'] },
  { folderPrefix: 'chromium-', executable: ['chrome-linux', 'chrome'] },
  {
    folderPrefix: 'chromium-',
    executable: ['chrome-mac-arm64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
  },
  {
    folderPrefix: 'chromium-',
    executable: ['chrome-mac-x64', 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'],
  },
  { folderPrefix: 'chromium-', executable: ['chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'] },
  { folderPrefix: 'chromium_headless_shell-', executable: ['chrome-headless-shell-linux64', 'chrome-headless-shell'] },
  { folderPrefix: 'chromium_headless_shell-', executable: ['chrome-headless-shell-linux-arm64', 'chrome-headless-shell'] },
  { folderPrefix: 'chromium_headless_shell-', executable: ['chrome-linux', 'headless_shell'] },
];

/** What the search looks at; tests pass their own to pretend a browser is or is not installed. */
export interface ChromiumSearchPlaces {
  env: NodeJS.ProcessEnv;
  homeDirectory: string;
  /** System locations to try after CHROMIUM_PATH; SYSTEM_CHROMIUM_PATHS unless a test hides them. */
  systemPaths: readonly string[];
  isExecutable(path: string): boolean;
  /** The entries of a folder, or none when it does not exist. */
  listFolder(path: string): string[];
}

export type ChromiumSearchResult = { found: true; path: string } | { found: false; reason: string };

export const THIS_MACHINE: ChromiumSearchPlaces = {
  env: process.env,
  homeDirectory: homedir(),
  systemPaths: SYSTEM_CHROMIUM_PATHS,
  isExecutable: (path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  listFolder: (path) => {
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  },
};

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH when set (and only it: a wrong explicit
 * path is reported, not silently replaced), else a system install, else Playwright's cache.
 */
export function findChromium(places: ChromiumSearchPlaces = THIS_MACHINE): ChromiumSearchResult {
  const explicit = places.env.CHROMIUM_PATH?.trim();
  if (explicit) {
    return places.isExecutable(explicit)
      ? { found: true, path: explicit }
      : { found: false, reason: `CHROMIUM_PATH=${explicit} is not an executable file` };
  }
  const caches = playwrightCacheFolders(places);
  const path = [...places.systemPaths, ...caches.flatMap((cache) => playwrightExecutables(cache, places))].find((candidate) =>
    places.isExecutable(candidate),
  );
  if (path) return { found: true, path };
  return { found: false, reason: `no Chromium at ${places.systemPaths.join(', ')} or in Playwright's cache (${caches.join(', ')})` };
}

/** Playwright's own rule: PLAYWRIGHT_BROWSERS_PATH, else the user's cache folder (Linux, then macOS). */
function playwrightCacheFolders(places: ChromiumSearchPlaces): string[] {
  if (places.env.PLAYWRIGHT_BROWSERS_PATH) return [places.env.PLAYWRIGHT_BROWSERS_PATH];
  const linuxCache = places.env.XDG_CACHE_HOME || join(places.homeDirectory, '.cache');
  return [join(linuxCache, 'ms-playwright'), join(places.homeDirectory, 'Library', 'Caches', 'ms-playwright')];
}

function playwrightExecutables(cache: string, places: ChromiumSearchPlaces): string[] {
  const newestFirst = places.listFolder(cache).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  return PLAYWRIGHT_EXECUTABLES.flatMap(({ folderPrefix, executable }) =>
    newestFirst.filter((folder) => folder.startsWith(folderPrefix)).map((folder) => join(cache, folder, ...executable)),
  );
}
