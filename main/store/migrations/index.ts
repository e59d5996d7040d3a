// Every schema migration, in the order they apply. Append new ones; never edit or renumber one that
// has shipped (see ../README.md, "Migrations").
import type { Migration } from './migrate';
import { migration as m0001 } from './0001-initial';
import { migration as m0002 } from './0002-trace';
import { migration as m0003 } from './0003-npmi';
import { migration as m0004 } from './0004-method-config-v2';
import { migration as m0005 } from './0005-host-lease';

export type { Migration } from './migrate';
export { applyMigrations, appliedMigrations } from './migrate';

export const migrations: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005];
