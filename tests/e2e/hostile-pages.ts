/**
 * The hostile pages that are built in code or need response headers: a huge article (megabytes of paragraphs with a
 * few claims) and the strict-CSP page. Both the hostile suite and the privacy sweep serve them from here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type FixtureServer } from './harness';

/** The policy the CSP page is served with: the page may load nothing and style nothing. */
export const STRICT_CSP = "default-src 'none'; style-src 'none'";
export const CSP_PAGE = '/hostile/csp.html';
export const HUGE_PAGE = '/hostile/huge.html';

/** The claims of the huge page, spread from its first to its last paragraph (each one a claim the engine finds). */
export const HUGE_CLAIMS: readonly { text: string; lang?: string }[] = [
  { text: 'Magnesium flushes toxins out of your body.' },
  { text: 'Taking magnesium every evening completely fixed my restless sleep.' },
  { text: 'Magnesium ontgift je lichaam en reinigt je lever.', lang: 'nl' },
  { text: 'Everyone is deficient in magnesium these days.' },
  { text: 'A daily magnesium pill lowers your blood pressure naturally.' },
  { text: 'Magnesium spray on your skin is absorbed straight into your muscles.' },
];

const SUBJECTS = ['The allotment', 'Our street', 'The old library', 'The ferry', 'The bakery', 'The choir'];
const VERBS = [
  'opened again',
  'was repainted',
  'got a new roof',
  'moved its hours',
  'held a meeting',
  'was quiet',
];
const DETAILS = [
  'after a long and rainy spring',
  'while the neighbours watched from their balconies',
  'because the council finally approved the plans',
  'and nobody seemed to mind the noise',
  'just before the summer holidays began',
];

/**
 * A long article of about `bytes` bytes: sections with a heading and 40 paragraphs each, inline markup in every
 * paragraph, now and then a sentence that names magnesium without claiming anything (so the engine has work), and
 * the {@link HUGE_CLAIMS} spread evenly. A heartbeat in the page notes performance.now() every 10 ms in
 * `window.__beats`, and `window.__loadedAt` when the load event fired (after a first layout, forced there).
 */
export function hugePage(bytes: number): string {
  const head =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Everything about our town</title>' +
    '<script>window.__beats=[];setInterval(()=>window.__beats.push(performance.now()),10);' +
    // At load the page lays itself out once, so the browser's own first layout of megabytes of text is done
    // before Nuchter starts (document_idle) and is not counted against it.
    'addEventListener("load",()=>{document.documentElement.scrollHeight;window.__loadedAt=performance.now()});' +
    '</script></head>' +
    '<body><header><h1>Everything about our town</h1></header><main>';
  const tail = '</main><footer><p>The end of the archive.</p></footer></body></html>';
  const paragraphs: string[] = [];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const sentence = `${SUBJECTS[i % 6]} ${VERBS[(i >> 1) % 6]} ${DETAILS[i % 5]}.`;
    const extra =
      i % 97 === 0
        ? ' The magnesium alloy frame of the new bench weighs only nine kilos.'
        : ' Paragraph ' + i + ' of the archive, kept for the record.';
    const paragraph = `<p>${sentence} <b>Note ${i}:</b> <a href="#p${i}">read</a> ${DETAILS[(i + 2) % 5]}.${extra}</p>`;
    paragraphs.push(paragraph);
    size += paragraph.length + 1;
  }
  // The claims: the first one in the first paragraph, the last one in the last, the others evenly in between.
  HUGE_CLAIMS.forEach((claim, index) => {
    const at = Math.round((index * (paragraphs.length - 1)) / (HUGE_CLAIMS.length - 1));
    const lang = claim.lang ? ` lang="${claim.lang}"` : '';
    paragraphs[at] = `<p id="huge-claim-${index}"${lang}>${claim.text}</p>`;
  });
  const sections: string[] = [];
  for (let i = 0; i < paragraphs.length; i += 40) {
    sections.push(
      `<section><h2>Archive part ${i / 40 + 1}</h2>\n${paragraphs.slice(i, i + 40).join('\n')}\n</section>`,
    );
  }
  return head + sections.join('\n') + tail;
}

/** Serves the huge page (at `hugeBytes`) and the CSP page with its header on `server`. */
export function serveHostilePages(server: FixtureServer, options: { hugeBytes: number }): void {
  server.setPage(HUGE_PAGE, hugePage(options.hugeBytes));
  server.setPage(CSP_PAGE, readFileSync(join(ROOT, 'tests/e2e/pages', CSP_PAGE), 'utf8'), {
    'content-security-policy': STRICT_CSP,
  });
}
