// The execution providers this install offers, for the host and the CLI (which may not reach into
// the engine's runtime): a re-export of runtime/providers.ts.
export { availableProviders } from './runtime/providers';
