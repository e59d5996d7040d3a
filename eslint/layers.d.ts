// Types of layers.js's exports, for the tests that read them.
import type { ESLint } from 'eslint';

/** Path aliases: prefix -> repository folder. */
export const aliases: Record<string, string>;
/** Target of a repository-relative path. */
export function targetOf(rel: string): string;
/** Whether a repository-relative path is test code. */
export function isTestCode(rel: string): boolean;
/** What each target may import besides itself. */
export const allowed: Record<string, string[]>;
/** Imports being removed by work in flight, as `from -> to`. */
export const knownViolations: string[];
/** May code of target `from` import a file of target `to`? */
export function mayImport(from: string, fromIsTest: boolean, to: string, toIsTest: boolean): boolean;
declare const plugin: ESLint.Plugin;
export default plugin;
