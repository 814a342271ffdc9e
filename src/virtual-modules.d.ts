/** Modules generated at build time by `src/build/rules-plugin.ts` from the files in `rules/`. */
declare module 'virtual:nuchter-rules' {
  const rules: import('./match/compiled').CompiledRules;
  export default rules;
}
declare module 'virtual:nuchter-knowledge' {
  const knowledge: import('./knowledge/schema').KnowledgeFile;
  export default knowledge;
}
