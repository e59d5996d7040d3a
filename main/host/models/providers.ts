// The execution providers this install offers (cpu, webgpu, and cuda where installed), for the
// handlers and the CLI: the engine's own answer, passed through the host layer.
export { availableProviders } from '../../engine/providers';
