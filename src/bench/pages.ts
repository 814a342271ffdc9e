/**
 * The benchmark's HTML pages, built in code and served by the static server's `setPage`: a 2 MB article, a page of
 * 5,000 feed posts, a typical 50 KB blog post, and the live feed. Magnesium content is the fixture pages' own markup
 * (claims split by <b> and <a>, lists, headings); everything else is ordinary generated text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectEngine } from '../cli/engine';
import {
  FIXTURE_DIR,
  fixtureTexts,
  ordinaryHeading,
  ordinaryParagraph,
  ordinarySentence,
  seededRandom,
} from './texts';

/**
 * Runs in every page before its content: records DOMContentLoaded and load, every long task (PerformanceObserver
 * 'longtask', buffered), and the first animation frame at which a Nuchter highlight holds a range — the frame that
 * paints it. All times are performance.now() in the page, in `window.__bench`.
 */
export const INSTRUMENT_SCRIPT = `
window.__bench = { dcl: 0, load: 0, firstHighlight: 0, longTasks: [] };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });
document.addEventListener('DOMContentLoaded', () => { window.__bench.dcl = performance.now(); });
window.addEventListener('load', () => { window.__bench.load = performance.now(); });
(function poll() {
  let painted = false;
  if (window.CSS && CSS.highlights) CSS.highlights.forEach((highlight, name) => {
    if (name.startsWith('nuchter-') && highlight.size > 0) painted = true;
  });
  if (painted) window.__bench.firstHighlight = performance.now();
  else requestAnimationFrame(poll);
})();
`;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(lang: string, title: string, body: string, extraHead = ''): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 17px/1.6 Georgia, serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  nav a { margin-right: 1rem; } .post { border: 1px solid #ccc; border-radius: 8px; padding: 0.25rem 0.75rem; margin: 0.5rem 0; }
  .post header { color: #555; font-size: 13px; } aside, footer { color: #666; font-size: 0.9em; }
</style>
<script>${INSTRUMENT_SCRIPT}</script>${extraHead}
</head>
<body>
${body}
</body>
</html>
`;
}

/** The markup inside each fixture page's <body> (the `neg-*` controls left out), with its language. */
function fixtureBodies(): { lang: string; html: string }[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.html') && !name.startsWith('neg-'))
    .sort()
    .map((name) => {
      const html = readFileSync(join(FIXTURE_DIR, name), 'utf8');
      return {
        lang: /<html[^>]*lang="([a-z]+)"/.exec(html)?.[1] ?? 'en',
        html: /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '',
      };
    });
}

/** An ordinary paragraph with an inline link or bold word now and then, as articles have. */
function ordinaryParagraphHtml(random: () => number, lang: 'nl' | 'en'): string {
  const text = escapeHtml(ordinaryParagraph(random, lang));
  if (random() < 0.3) return `<p>${text.replace(/^(\S+ \S+)/, '<a href="#more">$1</a>')}</p>`;
  if (random() < 0.2) return `<p>${text.replace(/ (\S+) /, ' <b>$1</b> ')}</p>`;
  return `<p>${text}</p>`;
}

function ordinarySectionHtml(random: () => number, lang: 'nl' | 'en'): string {
  const parts = [`<section lang="${lang}">`, `<h2>${escapeHtml(ordinaryHeading(random, lang))}</h2>`];
  const paragraphs = 3 + Math.floor(random() * 4);
  for (let i = 0; i < paragraphs; i++) parts.push(ordinaryParagraphHtml(random, lang));
  if (random() < 0.3) {
    parts.push('<ul>');
    for (let i = 0; i < 3; i++) parts.push(`<li>${escapeHtml(ordinarySentence(random, lang))}</li>`);
    parts.push('</ul>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

/**
 * A long article of about `size` bytes of HTML: sections on other topics, and every fourth section one fixture
 * page's content about magnesium (so about a fifth of the text is magnesium-dense).
 */
export function articlePage(size = 2_000_000): string {
  const random = seededRandom(11);
  const fixtures = fixtureBodies();
  const sections: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const fixture = fixtures[(i >> 2) % fixtures.length]!;
    const section =
      i % 4 === 3
        ? `<section lang="${fixture.lang}">\n${fixture.html}\n</section>`
        : ordinarySectionHtml(random, i % 2 === 0 ? 'nl' : 'en');
    sections.push(section);
    length += section.length;
  }
  const body = `<header><nav><a href="#">Home</a><a href="#">Archief</a><a href="#">Over ons</a></nav></header>
<main><article><h1>Een heel lang artikel</h1>
${sections.join('\n')}
</article></main>
<footer>© Benchmark</footer>`;
  return page('nl', 'Een heel lang artikel', body);
}

/** Text blocks of the fixture pages that name magnesium: the posts of the feed that hold claims. */
function magnesiumPostTexts(): string[] {
  const engine = projectEngine();
  return fixtureTexts().flatMap((fixture) =>
    fixture.blocks
      .filter((block) => block.kind !== 'heading' && block.text.length > 40)
      .filter((block) => engine.mayMentionSubject(block.text))
      .map((block) => block.text),
  );
}

const AUTHORS = ['Sanne', 'Tom', 'Mirjam', 'Priya', 'Dev', 'Joost', 'Fatima', 'Lena', 'Marco', 'Eva'];

/** Post `index` of a feed: every tenth names magnesium, the others are one or two ordinary paragraphs. */
function postHtml(index: number, random: () => number, magnesium: string[]): string {
  const lang = index % 2 === 0 ? 'nl' : 'en';
  const paragraphs =
    index % 10 === 3
      ? [magnesium[((index / 10) % magnesium.length) | 0]!]
      : Array.from({ length: 1 + Math.floor(random() * 2) }, () => ordinarySentence(random, lang));
  return (
    `<article class="post" data-post="${index}"><header><b>${AUTHORS[index % AUTHORS.length]}</b> · ${1 + (index % 59)} min</header>` +
    paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('') +
    '</article>'
  );
}

/** A static page of `count` feed posts. */
export function feedPage(count = 5000): string {
  const random = seededRandom(23);
  const magnesium = magnesiumPostTexts();
  const posts = Array.from({ length: count }, (_, index) => postHtml(index, random, magnesium));
  return page('nl', 'Buurtfeed', `<main id="feed">\n${posts.join('\n')}\n</main>`);
}

/**
 * The live feed: `initial` posts in the page, and `window.appendPosts(n)` that appends the next n of `total` posts in
 * one task and returns how many blocks (headers and paragraphs) they add; `window.removeAppended()` removes them.
 */
export function liveFeedPage(initial = 20, total = 1000): string {
  const random = seededRandom(29);
  const magnesium = magnesiumPostTexts();
  const posts = Array.from({ length: initial + total }, (_, index) => postHtml(index, random, magnesium));
  const script = `<script>
const POSTS = ${JSON.stringify(posts.slice(initial))};
let next = 0;
window.appendPosts = (count) => {
  const box = document.createElement('div');
  // Past the last post the feed starts over with new elements of the same posts.
  box.innerHTML = Array.from({ length: count }, () => POSTS[next++ % POSTS.length]).join('');
  const added = [...box.children];
  const blocks = added.reduce((sum, post) => sum + post.querySelectorAll('header, p').length, 0);
  for (const post of added) post.dataset.appended = '';
  document.getElementById('feed').append(...added);
  return blocks;
};
window.removeAppended = () => {
  for (const post of document.querySelectorAll('[data-appended]')) post.remove();
};
</script>`;
  return page('nl', 'Live feed', `<main id="feed">\n${posts.slice(0, initial).join('\n')}\n</main>`, script);
}

/**
 * A typical blog post of about `size` bytes of HTML: site header and navigation, an article built around the Dutch
 * sleep blog fixture, a sidebar, readers' comments and a footer.
 */
export function blogPage(size = 50_000): string {
  const random = seededRandom(31);
  const blog = fixtureBodies().find(
    (fixture) => fixture.html.includes('magnesium') && fixture.lang === 'nl',
  )!;
  const intro = Array.from({ length: 3 }, () => ordinaryParagraphHtml(random, 'nl')).join('\n');
  const head = `<header><b>Gezond &amp; Wel</b><nav><a href="#">Voeding</a><a href="#">Slaap</a><a href="#">Sport</a><a href="#">Over mij</a></nav></header>
<main><article><h1>Mijn ervaring met magnesium</h1><p class="meta">Door Femke · 12 minuten lezen</p>
${intro}
${blog.html}`;
  const comments: string[] = [];
  let length = head.length;
  while (length < size - 1500) {
    const comment = `<div class="comment"><b>${AUTHORS[comments.length % AUTHORS.length]}</b><p>${escapeHtml(ordinaryParagraph(random, 'nl'))}</p></div>`;
    comments.push(comment);
    length += comment.length;
  }
  const body = `${head}
</article>
<aside><h3>Populair</h3><ul><li><a href="#">Tien tips voor de moestuin</a></li><li><a href="#">Fietsen langs de kust</a></li></ul></aside>
<section class="comments"><h2>Reacties</h2>
${comments.join('\n')}
</section></main>
<footer>© Gezond &amp; Wel · <a href="#">Privacy</a></footer>`;
  return page('nl', 'Mijn ervaring met magnesium', body);
}
