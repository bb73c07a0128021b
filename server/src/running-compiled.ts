// Whether this code runs as the compiled bundle (server/dist, plain node) or from source (tsx, tests):
// server/scripts/build-server.js defines `import.meta.compiled`; from source it is absent.

declare global {
  interface ImportMeta {
    compiled?: true;
  }
}

export const runningCompiled = import.meta.compiled === true;
