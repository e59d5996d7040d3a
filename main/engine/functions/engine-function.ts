// The shape of an engine function (called by name from the host; see ../functions.ts) and how it
// reports progress. Apart from functions.ts so each function can name these types without importing
// the table that lists it.
import type { Engine } from '../engine';
import type { ModelLoader } from '../model-loader';
import type { ModelPaths } from '../protocol';

/** Reports how far a long function has come (items done of total). */
export type ProgressReporter = (done: number, total: number) => void;

/** An engine function: JSON arguments in, a JSON-serialisable result out. */
export type EngineFunction = (engine: Engine, loader: ModelLoader, args: unknown, models: ModelPaths, progress: ProgressReporter) => Promise<unknown>;
