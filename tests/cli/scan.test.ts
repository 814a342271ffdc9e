/**
 * The scan CLI as a user runs it: a child process, its stdout, stderr and exit code. The JSON output is a contract
 * for other programs, so its shape and its offsets are checked against the input file itself.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDocument } from '../../src/cli/documents';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const BLOG_PAGE = 'tests/fixtures/pages/nl-blog-slaap.html';
/** Each run starts a fresh Node with tsx; the machines are slow. */
const RUN_TIMEOUT = 30_000;
/** At most this many CLI processes at once: the machines have two cores, and each run is mostly CPU. */
const MAX_PARALLEL_RUNS = 2;
/** Tests run side by side (`describe.concurrent`) and may queue for a free slot before their runs start. */
const TEST_TIMEOUT = 120_000;

const FindingSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string().min(1),
  topic: z.string().min(1),
  verdict: z.string().min(1),
  subclaim: z.string().optional(),
  euClaim: z.string().optional(),
  hype: z.array(z.string()),
  stance: z.enum(['asserts', 'questions', 'refutes']),
  implicit: z.boolean(),
});
const OutputSchema = z.strictObject({
  documents: z.array(
    z.strictObject({ source: z.string(), lang: z.enum(['nl', 'en']), findings: z.array(FindingSchema) }),
  ),
});
type Output = z.infer<typeof OutputSchema>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let running = 0;
const waiting: (() => void)[] = [];
function acquireSlot(): Promise<void> {
  if (running < MAX_PARALLEL_RUNS) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}
/** Hands the slot straight to the next waiting run, if any. */
function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** Runs `scan` with the given arguments; never rejects, so failing runs can be inspected. */
async function runScan(...args: string[]): Promise<Run> {
  await acquireSlot();
  try {
    return await spawnScan(args);
  } finally {
    releaseSlot();
  }
}

function spawnScan(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['src/cli/scan.ts', ...args],
      { cwd: ROOT, timeout: RUN_TIMEOUT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs `scan --format json` and checks the run succeeded with nothing but one JSON document on stdout. */
async function scanJson(...args: string[]): Promise<Output> {
  const run = await runScan('--format', 'json', ...args);
  expect(run.stderr, 'stderr of a successful run').toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.endsWith('\n')).toBe(true);
  expect(run.stdout.trimEnd().split('\n'), 'one line of JSON').toHaveLength(1);
  return OutputSchema.parse(JSON.parse(run.stdout));
}

/** Checks a failed run: a non-zero code, one "scan:" line first on stderr, no stack trace, nothing on stdout. */
function expectCleanError(run: Run, message: RegExp): string[] {
  expect(run.code).not.toBe(0);
  expect(run.code).not.toBeNull();
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toContain('    at ');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^scan: /);
  expect(lines[0]).toMatch(message);
  expect(lines.filter((line) => line.startsWith('scan:'))).toHaveLength(1);
  return lines;
}

let dir: string;
const writeTemp = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nuchter-scan-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('scan --format json on a text file', () => {
  const content = [
    'Magnesium en slaap',
    '',
    'Ik slik elke avond magnesium 😴🌙. Sindsdien slaap ik veel beter!',
    'Magnesium is het wondermiddel voor je nachtrust 👩🏽‍⚕️, zegt mijn buurvrouw.',
    'Dit deed magnesium voor mij:',
    '- Minder krampen in mijn kuiten',
    'Magnesium draagt bij tot een normale spierfunctie.',
    'Cafe\u0301 en thee zijn lekker. Is magnesium echt een wondermiddel?',
    '',
  ];

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])(
    'reports findings whose UTF-16 offsets slice the file content to their text (%s line ends)',
    async (_name, eol) => {
      const text = content.join(eol);
      const path = writeTemp(`claims-${_name}.txt`, text);
      const output = await scanJson(path);
      expect(output.documents).toHaveLength(1);
      const [document] = output.documents;
      expect(document!.source).toBe(path);
      expect(document!.lang).toBe('nl');
      const fileContent = readFileSync(path, 'utf8');
      expect(document!.findings.length).toBeGreaterThanOrEqual(5);
      for (const finding of document!.findings) {
        expect(fileContent.slice(finding.start, finding.end)).toBe(finding.text);
        expect(finding.text).not.toMatch(/[\r\n]/);
      }
      const summary = document!.findings.map(
        (finding) => `${finding.topic} ${finding.stance} ${finding.text}`,
      );
      expect(summary).toEqual(
        expect.arrayContaining([
          'sleep asserts Sindsdien slaap ik veel beter!',
          'sleep asserts Magnesium is het wondermiddel voor je nachtrust 👩🏽‍⚕️, zegt mijn buurvrouw.',
          'cramps asserts - Minder krampen in mijn kuiten',
          'cramps asserts Magnesium draagt bij tot een normale spierfunctie.',
          'cure-all questions Is magnesium echt een wondermiddel?',
        ]),
      );
      const authorised = document!.findings.find((finding) => finding.euClaim);
      expect(authorised).toMatchObject({ euClaim: 'muscle', subclaim: 'authorised-wording' });
    },
    TEST_TIMEOUT,
  );

  it(
    'writes an empty findings list, not nothing, for a file without claims',
    async () => {
      const path = writeTemp('empty.txt', 'Een warm bad helpt je beter slapen.\n');
      const output = await scanJson(path);
      expect(output.documents).toEqual([{ source: path, lang: 'nl', findings: [] }]);
    },
    TEST_TIMEOUT,
  );

  it(
    'reports several inputs as several documents, in order',
    async () => {
      const first = writeTemp('first.txt', 'Magnesium helpt tegen krampen.\n');
      const second = writeTemp('second.txt', 'Magnesium helps you sleep better at night.\n');
      const output = await scanJson(first, second);
      expect(output.documents.map((document) => [document.source, document.findings[0]?.topic])).toEqual([
        [first, 'cramps'],
        [second, 'sleep'],
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'honours --lang en',
    async () => {
      const path = writeTemp('lang.txt', 'Magnesium helpt tegen krampen.\n');
      expect((await scanJson(path)).documents[0]!.lang).toBe('nl');
      expect((await scanJson('--lang', 'en', path)).documents[0]!.lang).toBe('en');
    },
    TEST_TIMEOUT,
  );

  // Regression (fixed): a UTF-8 byte-order mark shifts every offset by one. loadDocument decodes with TextDecoder, which drops the
  // BOM, so offsets count from the character after it, while the file's content (Node's readFileSync(path, 'utf8'),
  // Python's open(path).read()) still starts with U+FEFF. Input: "\uFEFFMagnesium helpt tegen krampen.\n" — expected
  // start 1, end 31 (content.slice(1, 31) is the sentence); actual start 0, end 30, so the slice is "\uFEFFMagnesium
  // … krampen" without the full stop. Fix: decode with { ignoreBOM: true } or report the BOM in the offsets.
  it(
    'keeps offsets into the file content when the file starts with a byte-order mark',
    async () => {
      const path = writeTemp('bom.txt', '\uFEFFMagnesium helpt tegen krampen.\n');
      const [finding] = (await scanJson(path)).documents[0]!.findings;
      expect(readFileSync(path, 'utf8').slice(finding!.start, finding!.end)).toBe(finding!.text);
    },
    TEST_TIMEOUT,
  );
});

describe.concurrent('scan on an HTML file', () => {
  it(
    'finds the claims of the Dutch blog fixture, with offsets into the extracted text',
    async () => {
      const output = await scanJson(BLOG_PAGE);
      const [document] = output.documents;
      expect(document!.source).toBe(BLOG_PAGE);
      expect(document!.lang).toBe('nl');
      expect(document!.findings.length).toBeGreaterThan(5);
      const { text } = await loadDocument(join(ROOT, BLOG_PAGE));
      for (const finding of document!.findings)
        expect(text.slice(finding.start, finding.end)).toBe(finding.text);
      expect(document!.findings[0]).toMatchObject({
        text: 'Magnesium: het wondermiddel waardoor ik eindelijk weer slaap',
        topic: 'sleep',
        hype: ['wondermiddel'],
        stance: 'asserts',
        implicit: false,
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'honours --lang en over the page language',
    async () => {
      const output = await scanJson('--lang', 'en', BLOG_PAGE);
      expect(output.documents[0]!.lang).toBe('en');
      expect(output.documents[0]!.findings.length).toBeGreaterThan(5);
    },
    TEST_TIMEOUT,
  );
});

describe.concurrent('scan --format table', () => {
  it(
    'prints a table with the topic and the sentence, and is the default format',
    async () => {
      const path = writeTemp('table.txt', 'Magnesium helpt tegen spierkrampen.\n');
      for (const args of [['--format', 'table', path], [path]]) {
        const run = await runScan(...args);
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout).toContain(`${path}  (nl, 1 claims)`);
        const lines = run.stdout.split('\n');
        const header = lines.findIndex((line) => /^topic\s+verdict\s+stance\s+hype\s+sentence$/.test(line));
        expect(header).toBeGreaterThan(-1);
        expect(lines[header + 1]).toMatch(/^-+( +-+)+$/);
        expect(lines[header + 2]).toMatch(
          /^cramps\s+not-supported\s+asserts\s+Magnesium helpt tegen spierkrampen\.$/,
        );
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'marks implicit findings with a star and shortens long sentences',
    async () => {
      const long = `Ik slik magnesium. Sindsdien slaap ik ${'heel '.repeat(30)}goed.`;
      const run = await runScan(writeTemp('implicit.txt', `${long}\n`));
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^sleep\* /m);
      expect(run.stdout).toContain('…');
      expect(run.stdout).toContain('* implicit');
    },
    TEST_TIMEOUT,
  );
});

describe.concurrent('scan errors', () => {
  it(
    'reports a missing file on one line',
    async () => {
      const run = await runScan('--format', 'json', join(dir, 'does-not-exist.txt'));
      expect(expectCleanError(run, /no such file/)).toHaveLength(1);
      expect(run.code).toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'reports a file that is not UTF-8 on one line',
    async () => {
      const path = writeTemp('utf16.txt', new Uint8Array([0xff, 0xfe, 0x00, 0x4d, 0x00, 0x67, 0xc3, 0x28]));
      const run = await runScan('--format', 'json', path);
      expect(expectCleanError(run, /not a UTF-8 text file/)).toHaveLength(1);
      expect(run.code).toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'prints nothing on stdout when a later input fails',
    async () => {
      const good = writeTemp('good.txt', 'Magnesium helpt tegen krampen.\n');
      const run = await runScan('--format', 'json', good, join(dir, 'missing.txt'));
      expect(expectCleanError(run, /missing\.txt: no such file/)).toHaveLength(1);
    },
    TEST_TIMEOUT,
  );

  // Usage errors add the usage line after the one "scan:" line.
  it.each([
    ['a bad --format value', ['--format', 'xml', 'x.txt'], /--format must be json or table, got "xml"/],
    ['a bad --lang value', ['--lang', 'de', 'x.txt'], /--lang must be auto, nl or en, got "de"/],
    ['no input', ['--format', 'json'], /no input given/],
    ['an unknown option', ['--colour', 'x.txt'], /colour/],
  ])(
    'reports %s with exit code 2',
    async (_name, args, message) => {
      const run = await runScan(...args);
      const lines = expectCleanError(run, message);
      expect(run.code).toBe(2);
      expect(lines.slice(1)).toEqual([expect.stringMatching(/^usage: /)]);
    },
    TEST_TIMEOUT,
  );
});

describe.concurrent('scan on URLs (local server)', () => {
  let server: Server;
  let base: string;
  const PAGE =
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>t</title></head><body>' +
    '<h1>Magnesium en slaap</h1><p>Ik slik elke avond <b>magnesium</b>. Sindsdien slaap ik veel beter.</p>' +
    '</body></html>';
  const TEXT = 'Kop\r\nMagnesium helps you sleep 😴 and stops cramps.\r\n';

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/page.html') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      } else if (request.url === '/notes.txt') {
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(TEXT);
      } else if (request.url === '/paper.pdf') {
        response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\n');
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it(
    'scans an HTML page, taking the language from <html lang>',
    async () => {
      const url = `${base}/page.html`;
      const [document] = (await scanJson(url)).documents;
      expect(document!.source).toBe(url);
      expect(document!.lang).toBe('nl');
      expect(document!.findings.map((finding) => [finding.topic, finding.implicit, finding.text])).toEqual([
        ['sleep', true, 'Sindsdien slaap ik veel beter.'],
      ]);
    },
    TEST_TIMEOUT,
  );

  it(
    'scans a plain-text URL with offsets into the served body',
    async () => {
      const [document] = (await scanJson(`${base}/notes.txt`)).documents;
      expect(document!.findings.length).toBeGreaterThan(0);
      for (const finding of document!.findings)
        expect(TEXT.slice(finding.start, finding.end)).toBe(finding.text);
    },
    TEST_TIMEOUT,
  );

  it(
    'reports a server that does not answer as an error on one line',
    async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const run = await runScan('--format', 'json', `http://127.0.0.1:${port}/page.html`);
      expect(expectCleanError(run, /could not fetch/)).toHaveLength(1);
      expect(run.code).toBe(1);
    },
    TEST_TIMEOUT,
  );

  it.each([
    ['a PDF', '/paper.pdf', /not HTML or text \(content-type application\/pdf\)/],
    ['a 404', '/gone.html', /the server answered 404/],
  ])(
    'reports %s as an error on one line',
    async (_name, path, message) => {
      const run = await runScan('--format', 'json', `${base}${path}`);
      expect(expectCleanError(run, message)).toHaveLength(1);
      expect(run.code).toBe(1);
    },
    TEST_TIMEOUT,
  );
});
