// The globals app/ may use: the few that every runtime the contract runs in (Node, Electron's
// renderer, browsers) provides. app/ is type-checked without DOM or Node types (app/tsconfig.json),
// so window, document, process or Buffer do not compile there; add here only what all runtimes
// have. Declared the way lib.dom and @types/node declare them, so the declarations merge where those
// are loaded too.
interface Console {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
}
// eslint-disable-next-line no-var -- a global, declared as lib.dom.d.ts does
declare var console: Console;
