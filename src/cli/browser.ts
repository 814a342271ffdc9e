/**
 * Chromium with the unpacked extension, and a static file server on 127.0.0.1: shared by the demo, the e2e tests
 * and the benchmark. Uses the system Chromium through playwright-core; it never downloads a browser.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Returns the Chromium to drive: `CHROMIUM_PATH`, else the first known browser on the PATH. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      const path = execFileSync('which', [name], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      if (path) return path;
    } catch {
      // not on the PATH: try the next name
    }
  }
  throw new Error(
    'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
}

/** Chrome derives an unpacked extension's id from its absolute path: sha256, first 32 hex digits mapped to a-p. */
export function extensionIdForPath(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

export interface StaticServer {
  origin: string;
  url(path: string): string;
  /** Adds or replaces a page served at `path`, for pages built in code. */
  setPage(path: string, body: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** Serves files from `dirs` (the first that has the path wins) on 127.0.0.1, on a free port unless one is given. */
export async function startStaticServer(dirs: string[], port = 0): Promise<StaticServer> {
  const pages = new Map<string, { body: string; headers: Record<string, string> }>();
  const server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const page = pages.get(path);
    if (page) {
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.html']!, ...page.headers });
      response.end(page.body);
      return;
    }
    for (const dir of dirs) {
      const file = normalize(join(dir, path));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) continue;
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    setPage: (path, body, headers = {}) =>
      pages.set(path.startsWith('/') ? path : `/${path}`, { body, headers }),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Flags for every Chromium we start: no sandbox (we run as root in CI), and nothing that reaches the network. */
export const QUIET_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** Closes the browser; the profile is removed unless it was given by the caller (to test restarts). */
  close(): Promise<void>;
}

/**
 * Launches Chromium with the built extension in a persistent profile (a fresh one unless `profileDir` is given).
 * Headless unless `headless: false`; the flags keep Chromium off the network.
 */
export async function launchWithExtension(
  options: {
    profileDir?: string;
    headless?: boolean;
    viewport?: { width: number; height: number };
    /** More Chromium flags, e.g. host resolver rules that give 127.0.0.1 a second name. */
    extraArgs?: string[];
  } = {},
): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const headless = options.headless ?? true;
  const ownsProfile = !options.profileDir;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'nuchter-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless,
    viewport: options.viewport ?? { width: 1200, height: 900 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...QUIET_CHROMIUM_ARGS,
      ...(options.extraArgs ?? []),
    ],
  });
  return {
    context,
    extensionId: extensionIdForPath(EXTENSION_DIR),
    profileDir,
    close: async () => {
      await context.close();
      if (ownsProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
