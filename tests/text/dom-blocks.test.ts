// @vitest-environment happy-dom
import { describe, it, expect, beforeEach } from 'vitest';
import { extractBlocks, OWN_UI_ATTRIBUTE, type DomBlock } from '../../src/text/dom-blocks';

const flow = (value: string) => value.replace(/[\n\r\t\f]/g, ' ');

/** Every node slice points at the node's own text inside the block text. */
function expectSlicesMapBack(block: DomBlock) {
  let previousEnd = 0;
  for (const slice of block.nodes) {
    const value = slice.node.nodeValue ?? '';
    expect(slice.start).toBeGreaterThanOrEqual(previousEnd);
    expect(block.text.slice(slice.start, slice.start + value.length)).toBe(flow(value));
    previousEnd = slice.start + value.length;
  }
  // The slices tile the block text: the text is exactly the nodes' text, one after the other.
  expect(block.nodes.map((slice) => flow(slice.node.nodeValue ?? '')).join('')).toBe(block.text);
}

function extract(html: string, options?: Parameters<typeof extractBlocks>[1]): DomBlock[] {
  document.body.innerHTML = html;
  const blocks = extractBlocks(document, options);
  for (const block of blocks) expectSlicesMapBack(block);
  return blocks;
}

const texts = (blocks: DomBlock[]) => blocks.map((block) => block.text);

beforeEach(() => {
  document.documentElement.removeAttribute('lang');
  document.body.innerHTML = '';
});

describe('extractBlocks: inline elements join', () => {
  it('reads a claim split by <b>, <a>, <span> and <em> as one block of its visible text', () => {
    const blocks = extract(
      '<p>Magnesium <b>helpt</b> je <a href="#">beter</a> <span>te <span>slapen</span></span>, <em>echt</em>.</p>',
    );
    expect(texts(blocks)).toEqual(['Magnesium helpt je beter te slapen, echt.']);
    expect(blocks[0]!.nodes.map((slice) => slice.node.nodeValue)).toEqual([
      'Magnesium ',
      'helpt',
      ' je ',
      'beter',
      ' ',
      'te ',
      'slapen',
      ', ',
      'echt',
      '.',
    ]);
  });

  it('joins inside a word without inserting a space', () => {
    expect(texts(extract('<p><b>Magnesium</b>citraat <i>hel</i>pt</p>'))).toEqual(['Magnesiumcitraat helpt']);
  });

  it('reads unknown and custom inline elements as inline', () => {
    expect(
      texts(extract('<p>Magnesium <mark>helpt</mark> <my-tooltip>echt</my-tooltip> <small>goed</small></p>')),
    ).toEqual(['Magnesium helpt echt goed']);
  });

  it('keeps the element a block belongs to', () => {
    const [block] = extract('<article><p id="claim">Magnesium <b>helpt</b>.</p></article>');
    expect(block!.element.id).toBe('claim');
  });
});

describe('extractBlocks: block elements split', () => {
  it('makes separate blocks of <p>, <li> and <h2>, with their kinds', () => {
    const blocks = extract(
      '<h2>Magnesium en slaap</h2><p>Magnesium helpt bij slaap.</p><ul><li>Minder kramp</li><li>Meer <b>energie</b></li></ul>',
    );
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ['heading', 'Magnesium en slaap'],
      ['paragraph', 'Magnesium helpt bij slaap.'],
      ['list-item', 'Minder kramp'],
      ['list-item', 'Meer energie'],
    ]);
    expect(blocks.map((block) => block.element.tagName)).toEqual(['H2', 'P', 'LI', 'LI']);
  });

  it.each(['h1', 'h3', 'h4', 'h5', 'h6'])('reads <%s> as a heading', (tag) => {
    const blocks = extract(`<${tag}>Werkt magnesium?</${tag}>`);
    expect(blocks.map((block) => block.kind)).toEqual(['heading']);
  });

  it('reads a <div> inside a heading as a heading, and a <div> inside a list item as a list item', () => {
    const blocks = extract('<h2><div>Kop in een div</div></h2><ol><li><div>Item in een div</div></li></ol>');
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ['heading', 'Kop in een div'],
      ['list-item', 'Item in een div'],
    ]);
  });

  // Regression (fixed): kindOf stops climbing at the first <p>, so a paragraph inside a list item — the markup Google Docs, Notion
  // and many editors produce for lists — is a 'paragraph', while the same item wrapped in a <div> is a 'list-item'.
  // extractBlocks on '<ul><li><p>Minder kramp</p></li></ul>' gives kind 'paragraph'; expected 'list-item'.
  it('reads a <p> inside a list item as a list item', () => {
    const blocks = extract('<ul><li><p>Minder kramp</p></li></ul>');
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([['list-item', 'Minder kramp']]);
  });

  it('reads table cells, quotes and plain divs as paragraphs', () => {
    const blocks = extract(
      '<table><tr><td>Magnesium</td><td>300 mg</td></tr></table><blockquote>Het helpt!</blockquote><div>Los</div>',
    );
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ['paragraph', 'Magnesium'],
      ['paragraph', '300 mg'],
      ['paragraph', 'Het helpt!'],
      ['paragraph', 'Los'],
    ]);
  });

  it('splits at <br> and <hr>', () => {
    expect(texts(extract('<p>Magnesium helpt<br>bij slaap<hr>en kramp</p>'))).toEqual([
      'Magnesium helpt',
      'bij slaap',
      'en kramp',
    ]);
  });

  it('resumes the outer block after a nested block, in reading order', () => {
    const blocks = extract('<div>Voor <p>midden</p> na</div>');
    expect(texts(blocks)).toEqual(['Voor ', 'midden', ' na']);
    expect(blocks.map((block) => block.element.tagName)).toEqual(['DIV', 'P', 'DIV']);
  });

  it('drops blocks that hold only whitespace', () => {
    const blocks = extract('<div>\n  <p>Een</p>\n  <p>   </p>\n  <p>Twee</p>\n</div>');
    expect(texts(blocks)).toEqual(['Een', 'Twee']);
  });

  it('reads nothing from an empty body', () => {
    expect(extract('')).toEqual([]);
  });
});

describe('extractBlocks: what is not reading text is skipped', () => {
  it.each([
    ['script', '<script>var x = "Magnesium geneest alles";</script>'],
    ['style', '<style>.verborgen::after { content: "geneest alles"; }</style>'],
    ['noscript', '<noscript>Magnesium geneest alles</noscript>'],
    ['template', '<template><p>Magnesium geneest alles</p></template>'],
    ['textarea', '<textarea>Magnesium geneest alles</textarea>'],
    ['select', '<select><option>Magnesium geneest alles</option></select>'],
    ['button', '<button>Magnesium geneest alles</button>'],
    ['code', '<code>magnesium.geneest(alles)</code>'],
    ['pre', '<pre>Magnesium geneest alles</pre>'],
    ['kbd', '<kbd>Magnesium geneest alles</kbd>'],
    ['nav', '<nav><a href="#">Magnesium geneest alles</a></nav>'],
    ['svg', '<svg><text>Magnesium geneest alles</text></svg>'],
    ['[hidden]', '<span hidden>Magnesium geneest alles</span>'],
    ['aria-hidden="true"', '<span aria-hidden="true">Magnesium geneest alles</span>'],
    ['style="display:none"', '<span style="display:none">Magnesium geneest alles</span>'],
    ['style="display: none"', '<div style="color: red; display : none">Magnesium geneest alles</div>'],
    ['style="visibility:hidden"', '<span style="visibility:hidden">Magnesium geneest alles</span>'],
    ['contenteditable', '<div contenteditable>Magnesium geneest alles</div>'],
    ['contenteditable="true"', '<div contenteditable="true">Magnesium geneest alles</div>'],
    [
      'contenteditable="plaintext-only"',
      '<div contenteditable="plaintext-only">Magnesium geneest alles</div>',
    ],
    ['role="textbox"', '<div role="textbox">Magnesium geneest alles</div>'],
    [OWN_UI_ATTRIBUTE, `<div ${OWN_UI_ATTRIBUTE}><p>Magnesium geneest alles</p></div>`],
  ])('skips %s', (_name, skipped) => {
    const blocks = extract(`<p>Zichtbare tekst ${skipped} hier.</p><div>${skipped}</div><p>Einde.</p>`);
    const all = texts(blocks).join(' | ');
    expect(all.toLowerCase()).not.toContain('geneest');
    expect(all).toContain('Zichtbare tekst');
    expect(all).toContain('hier.');
    expect(all).toContain('Einde.');
  });

  it('skips an <input> and keeps the sentence around it', () => {
    expect(texts(extract('<p>Vul in: <input value="Magnesium geneest alles"> klaar.</p>'))).toEqual([
      'Vul in:  klaar.',
    ]);
  });

  it('skips everything under a skipped element, blocks included', () => {
    const blocks = extract('<div hidden><h2>Kop</h2><ul><li>Item</li></ul></div><p>Zichtbaar.</p>');
    expect(texts(blocks)).toEqual(['Zichtbaar.']);
  });

  it('reads contenteditable="false" and aria-hidden="false"', () => {
    const blocks = extract(
      '<div contenteditable="false">Niet bewerkbaar.</div><p aria-hidden="false">Wel zichtbaar.</p>',
    );
    expect(texts(blocks)).toEqual(['Niet bewerkbaar.', 'Wel zichtbaar.']);
  });

  it('asks the isHidden option about every element', () => {
    const blocks = extract(
      '<p>Zichtbaar <span class="weg">verborgen</span> tekst.</p><p class="weg">Weg.</p>',
      {
        isHidden: (element) => element.classList.contains('weg'),
      },
    );
    expect(texts(blocks)).toEqual(['Zichtbaar  tekst.']);
  });

  it('reads the root itself even when it would be skipped', () => {
    document.body.innerHTML = '<nav id="menu"><p>Magnesium-tips</p></nav>';
    const blocks = extractBlocks(document.getElementById('menu')!);
    expect(texts(blocks)).toEqual(['Magnesium-tips']);
  });
});

describe('extractBlocks: language', () => {
  it('takes lang from the closest [lang] ancestor', () => {
    document.documentElement.setAttribute('lang', 'nl');
    const blocks = extract(
      '<p>Nederlands.</p><div lang="en-GB"><p>English.</p><p lang="nl-BE">Vlaams.</p></div><p lang="de">Deutsch.</p>',
    );
    expect(blocks.map((block) => [block.text, block.lang])).toEqual([
      ['Nederlands.', 'nl'],
      ['English.', 'en'],
      ['Vlaams.', 'nl'],
      ['Deutsch.', undefined],
    ]);
    // A language Nuchter does not read leaves the property out rather than guessing.
    expect('lang' in blocks[3]!).toBe(false);
  });

  it('leaves lang out when the page declares none', () => {
    const [block] = extract('<p>Magnesium helpt.</p>');
    expect(block!.lang).toBeUndefined();
    expect('lang' in block!).toBe(false);
  });

  it('reads lang="" as unknown, not as the outer language', () => {
    document.documentElement.setAttribute('lang', 'nl');
    const [block] = extract('<p lang="">Onbekend.</p>');
    expect(block!.lang).toBeUndefined();
  });

  it('takes lang from the block element, not from an inline element inside it', () => {
    const [block] = extract('<p lang="nl">Magnesium is <i lang="en">the new black</i>.</p>');
    expect(block!.text).toBe('Magnesium is the new black.');
    expect(block!.lang).toBe('nl');
  });
});

describe('extractBlocks: source line breaks', () => {
  it('turns line breaks and tabs inside a <p> into spaces, one for one', () => {
    const html = '<p>Magnesium\nhelpt\tbij\r\n<b>beter\nslapen</b>.</p>';
    const [block] = extract(html);
    expect(block!.text).toBe('Magnesium helpt bij  beter slapen.');
    const [first, second, third] = block!.nodes;
    expect(first!.node.nodeValue).toContain('\n');
    expect(block!.text.slice(first!.start, first!.start + first!.node.nodeValue!.length)).toBe(
      'Magnesium helpt bij  ',
    );
    expect(block!.text.slice(second!.start, second!.start + second!.node.nodeValue!.length)).toBe(
      'beter slapen',
    );
    expect(third!.node.nodeValue).toBe('.');
  });

  it('maps a word in the block text back to its node and offset', () => {
    const [block] = extract('<p>Wist je\ndat <a href="#">magnesium\n<b>kramp</b></a> voorkomt?</p>');
    const at = block!.text.indexOf('kramp');
    const slice = [...block!.nodes].reverse().find((candidate) => candidate.start <= at)!;
    expect(slice.node.nodeValue!.slice(at - slice.start, at - slice.start + 5)).toBe('kramp');
    expect(slice.node.parentElement!.tagName).toBe('B');
  });
});

describe('extractBlocks: shadow DOM', () => {
  it('reads an open shadow root instead of the light DOM', () => {
    document.body.innerHTML = '<p>Buiten.</p><claim-card id="host"><span>Niet getoond</span></claim-card>';
    const host = document.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<h3>Magnesium</h3><p>Magnesium <b>helpt</b> bij slaap.</p>';
    const blocks = extractBlocks(document);
    for (const block of blocks) expectSlicesMapBack(block);
    expect(blocks.map((block) => [block.kind, block.text])).toEqual([
      ['paragraph', 'Buiten.'],
      ['heading', 'Magnesium'],
      ['paragraph', 'Magnesium helpt bij slaap.'],
    ]);
  });

  it('reads slotted light DOM where the slot renders it', () => {
    document.body.innerHTML =
      '<claim-card id="host"><span slot="wie">Magnesium</span><b>helpt</b><i slot="nergens">niet getoond</i></claim-card>';
    const host = document.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p><slot name="wie"></slot> <slot></slot> bij slaap.</p>';
    const blocks = extractBlocks(document);
    for (const block of blocks) expectSlicesMapBack(block);
    expect(texts(blocks)).toEqual(['Magnesium helpt bij slaap.']);
    // The slices point at the light DOM nodes, so a highlight lands on the visible text.
    const magnesium = blocks[0]!.nodes.find((slice) => slice.node.nodeValue === 'Magnesium')!;
    expect(magnesium.node.parentElement!.getAttribute('slot')).toBe('wie');
  });

  it("reads a slot's fallback content when nothing is assigned to it", () => {
    document.body.innerHTML = '<claim-card id="host"></claim-card>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Magnesium <slot name="x">helpt</slot> echt.</p>';
    expect(texts(extractBlocks(document))).toEqual(['Magnesium helpt echt.']);
  });

  it('reads a shadow root nested in a shadow root, and a shadow root passed as the root', () => {
    document.body.innerHTML = '<outer-card id="outer"></outer-card>';
    const outer = document.getElementById('outer')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<p>Buiten.</p><inner-card id="inner"></inner-card>';
    const inner = outer.getElementById('inner')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<p>Binnen.</p>';
    expect(texts(extractBlocks(document))).toEqual(['Buiten.', 'Binnen.']);
    const fromShadow = extractBlocks(inner);
    expect(texts(fromShadow)).toEqual(['Binnen.']);
  });

  it('skips hidden elements inside a shadow root', () => {
    document.body.innerHTML = '<claim-card id="host"></claim-card>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Zichtbaar.</p><p hidden>Verborgen.</p><script>geheim()</script>';
    expect(texts(extractBlocks(document))).toEqual(['Zichtbaar.']);
  });

  // Regression (fixed): lang is looked up with element.closest('[lang]'), which stops at the shadow root, so text in a shadow tree
  // never inherits the host's language (HTML: a node whose parent is a shadow root takes the language of the host).
  // With <html lang="nl"> and a shadow <p>, block.lang is undefined; expected 'nl'.
  it('inherits lang across the shadow boundary', () => {
    document.documentElement.setAttribute('lang', 'nl');
    document.body.innerHTML = '<claim-card id="host"></claim-card>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Magnesium helpt bij slaap.</p>';
    const [block] = extractBlocks(document);
    expect(block!.lang).toBe('nl');
  });
});

describe('extractBlocks: deep pages', () => {
  it.each([
    ['alternating <div>/<span>', (i: number) => (i % 2 ? 'span' : 'div')],
    ['only <span>', () => 'span'],
    ['only <div>', () => 'div'],
  ])('reads 5,000 nested elements (%s) without overflowing the stack', (_name, tagAt) => {
    const top = document.createElement('div');
    let element: Element = top;
    for (let i = 0; i < 5000; i++) {
      const child = document.createElement(tagAt(i));
      element.appendChild(child);
      element = child;
    }
    element.appendChild(document.createTextNode('Diep verstopt: magnesium helpt.'));
    document.body.appendChild(top);
    let blocks: DomBlock[] = [];
    expect(() => {
      blocks = extractBlocks(document);
    }).not.toThrow();
    expect(texts(blocks)).toEqual(['Diep verstopt: magnesium helpt.']);
  });
});
