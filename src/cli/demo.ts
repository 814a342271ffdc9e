/**
 * `npm run demo [-- --headless] [-- --no-build]`
 * Builds the extension, serves the demo pages on 127.0.0.1 and opens Chromium with Nuchter loaded. With
 * --headless it takes screenshots of each page (and of a card) instead, and says where it saved them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension, ROOT, startStaticServer } from './browser';

const PAGES_DIR = join(ROOT, 'src/demo/pages');
const SCREENSHOT_DIR = join(ROOT, '.demo');
const DEMO_PAGES = ['nl-blog.html', 'en-article.html', 'feed.html'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      headless: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
    },
  });
  // A Linux machine without a display (a server, CI) cannot show a window: take screenshots instead.
  const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (noDisplay && !values.headless)
    console.log('demo: no display found, so taking screenshots (--headless).');
  values.headless ||= noDisplay;
  if (!values['no-build']) execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const server = await startStaticServer([PAGES_DIR]);
  const browser = await launchWithExtension({ headless: values.headless });

  if (!values.headless) {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url('/'));
    console.log(`\nNuchter demo: ${server.url('/')} is open in Chromium. Close the browser window to stop.`);
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    await server.close();
    return;
  }

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const saved: string[] = [];
  for (const name of DEMO_PAGES) {
    const page = await browser.context.newPage();
    await page.goto(server.url(`/${name}`));
    await page.waitForTimeout(1500); // the feed adds posts; the content script paints on idle
    const path = join(SCREENSHOT_DIR, name.replace('.html', '.png'));
    await page.screenshot({ path });
    saved.push(path);
  }
  // One open card, on the Dutch blog's first highlighted sentence.
  const page = await browser.context.newPage();
  await page.goto(server.url('/nl-blog.html'));
  await page.waitForTimeout(800);
  const box = await page.evaluate((): { x: number; y: number } | null => {
    let found = null as { x: number; y: number } | null;
    CSS.highlights.forEach((highlight, name) => {
      if (found || name === 'nuchter-hype' || name === 'nuchter-active') return;
      for (const range of highlight) {
        const rect = (range as Range).getClientRects()[0];
        if (rect) found = { x: rect.left + 4, y: rect.top + rect.height / 2 };
        break;
      }
    });
    return found;
  });
  if (box) {
    await page.mouse.click(box.x, box.y);
    await page.waitForTimeout(500);
    const path = join(SCREENSHOT_DIR, 'card.png');
    await page.screenshot({ path });
    saved.push(path);
  }
  await browser.close();
  await server.close();
  console.log(`\nNuchter demo screenshots:\n${saved.map((path) => `  ${path}`).join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
