// The methods: one descriptor per method (its own file), the registry that lists them, the run config
// derived from them, their parameter forms and capability checks. Import from `app/methods`.
export * from './descriptor';
export * from './registry';
export * from './config';
export * from './capabilities';
export * from './param-fields';
export { ExpertId } from './rice';
export { MAX_RSD_TREE_NODES, rsdTreeNodes } from './rsd';
export { MAX_REPEATED_SAMPLES, sampleSeed } from './repeated-sampling';
export { TreeTemplate, defaultRecyclingTree } from './token-recycling';
