import{createRequire as __fdCreateRequire}from'node:module';const require=__fdCreateRequire(import.meta.url);
import{e as a,f as b}from"./github-pr.js";import"./pr-comment-text.js";import"./runtime.js";export{b as commentOnGitHub,a as pullRequestOf};
//# sourceMappingURL=github-pr-entry.js.map
