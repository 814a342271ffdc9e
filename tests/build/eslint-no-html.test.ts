/**
 * Our own code may not use `dangerouslySetInnerHTML` (the build takes Preact's support for it out anyway, see
 * `src/build/no-inner-html.ts`): ESLint reports the JSX attribute and the `h()` prop with the project's config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'src/ui/Example.tsx' });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('ESLint forbids dangerouslySetInnerHTML', () => {
  it('as a JSX attribute', async () => {
    expect(
      await restricted(
        'export const A = (p: { s: string }) => <div dangerouslySetInnerHTML={{ __html: p.s }} />;\n',
      ),
    ).toEqual([expect.stringContaining('never inserts HTML')]);
  });

  it("as a prop object's key, quoted or not", async () => {
    const code = [
      "import { h } from 'preact';",
      "export const a = (s: string) => h('div', { dangerouslySetInnerHTML: { __html: s } });",
      "export const b = (s: string) => h('div', { 'dangerouslySetInnerHTML': { __html: s } });",
      '',
    ].join('\n');
    expect(await restricted(code)).toHaveLength(2);
  });

  it('and leaves text children alone', async () => {
    expect(await restricted('export const A = (p: { s: string }) => <div>{p.s}</div>;\n')).toEqual([]);
  });
});
