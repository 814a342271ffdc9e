/**
 * Compiles `rules/` once per build into two virtual modules: `virtual:nuchter-rules` (the compact matcher data) and
 * `virtual:nuchter-knowledge` (the validated knowledge file for the card and popup). A malformed rule or knowledge
 * file fails the build with the validator's "file: path: reason" lines.
 */
import type { Plugin } from 'vite';
import { compileRules } from '../knowledge/compile';
import { loadRules, RulesValidationError } from '../knowledge/load';

const RULES_MODULE = 'virtual:nuchter-rules';
const KNOWLEDGE_MODULE = 'virtual:nuchter-knowledge';
const resolved = (id: string) => `\0${id}`;

export function nuchterRulesPlugin(rulesDir: string): Plugin {
  return {
    name: 'nuchter-rules',
    resolveId(id) {
      return id === RULES_MODULE || id === KNOWLEDGE_MODULE ? resolved(id) : undefined;
    },
    load(id) {
      if (id !== resolved(RULES_MODULE) && id !== resolved(KNOWLEDGE_MODULE)) return undefined;
      this.addWatchFile(rulesDir);
      let loaded;
      try {
        loaded = loadRules(rulesDir);
      } catch (error) {
        if (error instanceof RulesValidationError) this.error(error.message);
        throw error;
      }
      const data = id === resolved(RULES_MODULE) ? compileRules(loaded) : loaded.knowledge;
      // JSON.parse of a string literal is parsed faster than the equivalent object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
    },
  };
}
