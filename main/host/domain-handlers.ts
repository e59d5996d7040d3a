// What a domain's handler module receives and returns: the host, how it runs, and the API methods of
// its own prefix. handlers.ts combines the domains' tables into the one table the transports serve.
import type { ApiHandlers } from '@app/api';
import type { Host } from './host-shape';

/** The handlers of the API methods named `${prefix}.*`. */
export type HandlersOf<Prefix extends string> = Pick<ApiHandlers, Extract<keyof ApiHandlers, `${Prefix}.${string}`>>;

/** What every domain's handler factory gets. */
export interface HandlerDeps {
  host: Host;
  kind: 'electron' | 'serve' | 'cli';
  dbPath: string;
  version: string;
}
