// @vitest-environment happy-dom
/**
 * The units a huge page is read in: reading them one after the other gives exactly the blocks of one pass over the
 * page, and only elements extraction treats as blocks are ever cut.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { extractBlocks, type DomBlock } from '../../src/text/dom-blocks';
import { CUTTABLE_TAGS, scanUnits } from '../../src/content/scan-units';

/** What a block is made of: its element, kind, language and the exact text nodes behind its text. */
const shape = (blocks: DomBlock[]) =>
  blocks.map((block) => ({
    element: block.element,
    text: block.text,
    kind: block.kind,
    lang: block.lang,
    nodes: block.nodes.map((slice) => [slice.node, slice.start]),
  }));

const inUnits = (root: Element) => [...scanUnits(root)].flatMap((unit) => extractBlocks(unit));

beforeEach(() => {
  document.documentElement.removeAttribute('lang');
  document.body.removeAttribute('contenteditable');
});

describe('scanUnits', () => {
  it('cuts only elements that extraction reads as blocks of their own', () => {
    for (const tag of CUTTABLE_TAGS) {
      // Built node by node, so even table parts sit between two runs of text.
      const outer = document.createElement('div');
      const inner = document.createElement(tag.toLowerCase());
      inner.append('inside');
      outer.append('before ', inner, ' after');
      document.body.replaceChildren(outer);
      expect(
        extractBlocks(document.body).map((block) => block.text),
        `<${tag}> splits the text around it`,
      ).toEqual(['before ', 'inside', ' after']);
    }
  });

  const pages: Record<string, string> = {
    'paragraphs in sections': `
      <main lang="en"><h1>Magnesium</h1>
        <section><h2>Sleep</h2><p>Magnesium helps you <b>sleep</b>.</p><p>It calms you down.</p></section>
        <ul><li>Less stress</li><li><p>Fewer cramps</p></li></ul>
        <table><tbody><tr><td>Magnesium</td><td>Cures <i>everything</i></td></tr></tbody></table>
      </main>
      <div>Text straight in a div <span>with inline parts</span><p>and a paragraph</p> and a tail.</div>`,
    'skipped parts between blocks': `
      <div><p>One</p><script>var x = 1;</script><!-- a comment --><nav>Menu</nav>
        <div contenteditable="true"><p>Magnesium cures anxiety.</p></div><p>Two</p>
        <button>Buy</button><p hidden>Hidden magnesium</p><p>Three</p></div>`,
    'images and empty inline elements between blocks': `
      <div><p>One</p><img alt="a picture"><span> </span><a href="#"><img alt="linked"></a><p>Two</p>
        <x-empty></x-empty><hr><p>Three</p><br><p>Four</p></div>`,
    'inline elements that join their neighbours': `
      <article><p>A</p><span>loose</span> text <em>between</em><p>B</p></article>
      <section><custom-tag>custom inline</custom-tag><p>C</p></section>`,
    'languages and list lead-ins': `
      <section lang="nl"><p>Magnesium is goed voor:</p><ul><li>je slaap</li><li>je spieren</li></ul></section>
      <section lang="en"><blockquote><p>Quoted magnesium</p></blockquote><figure><figcaption>Caption</figcaption></figure></section>`,
  };
  for (const [name, html] of Object.entries(pages)) {
    it(`reads ${name} exactly as one pass does`, () => {
      document.body.innerHTML = html;
      const units = [...scanUnits(document.body)];
      expect(units.length).toBeGreaterThan(1);
      expect(shape(inUnits(document.body))).toEqual(shape(extractBlocks(document.body)));
    });
  }

  it('keeps a shadow host whole and reads its shadow root as one pass does', () => {
    document.body.innerHTML = '<div><p>Light</p><x-card></x-card><p>After</p></div>';
    const host = document.querySelector('x-card')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Magnesium in the shadow</p><p>More</p>';
    expect([...scanUnits(document.body)]).toContain(host);
    expect(shape(inUnits(document.body))).toEqual(shape(extractBlocks(document.body)));
  });

  it('reads nothing under a root that is itself unread content', () => {
    document.body.innerHTML = '<p>Magnesium cures anxiety.</p>';
    document.body.setAttribute('contenteditable', 'true');
    expect([...scanUnits(document.body)]).toEqual([]);
    const editable = document.createElement('div');
    editable.setAttribute('role', 'textbox');
    editable.innerHTML = '<p>Magnesium cures anxiety.</p>';
    document.body.removeAttribute('contenteditable');
    document.body.append(editable);
    expect([...scanUnits(editable)]).toEqual([]);
  });

  it('skips units that leave the page while it is read', () => {
    document.body.innerHTML = '<div><p id="a">A</p><p id="b">B</p><p id="c">C</p></div>';
    const units = scanUnits(document.body);
    expect(units.next().value).toBe(document.getElementById('a'));
    document.getElementById('b')!.remove();
    expect([...units]).toEqual([document.getElementById('c')]);
  });
});
