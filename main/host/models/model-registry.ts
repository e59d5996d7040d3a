// The models the host knows: the embedded defaults (registered at start-up from native-models/) and
// folders a user adds. Each is inspected by the engine (loading it proves it works) and kept in the
// store; method configs name models by id, and runs get the folder paths from here.
import path from 'node:path';
import fs from 'node:fs';
import { WorkbenchError } from '@app/errors';
import type { MethodConfig } from '@app/methods';
import { modelIdsOf, modelsByRole } from '@app/methods';
import type { ModelInfo } from '@app/models';
import type { Database } from '../../store';
import { getModel, listModels, removeModel, upsertModel } from '../../store';
import type { EngineClient } from '../engine-client';

export const EMBEDDED_MODEL_IDS = ['draft', 'base', 'moe'] as const;

export class ModelRegistry {
  constructor(
    private readonly db: Database,
    private readonly engine: EngineClient,
    private readonly nativeModelsDir: string,
  ) {}

  /** Inspects and registers the embedded models; returns the problems with any that failed. */
  async registerEmbedded(): Promise<string[]> {
    const problems: string[] = [];
    for (const id of EMBEDDED_MODEL_IDS) {
      const folder = path.join(this.nativeModelsDir, id);
      try {
        const info = await this.engine.call<ModelInfo>({ type: 'inspect', path: folder, modelId: id });
        upsertModel(this.db, { ...info, id, embedded: true });
      } catch (err) {
        problems.push(`${id}: ${(err as Error).message}`);
      }
    }
    return problems;
  }

  /** Registers a user's model folder (any transformers.js-layout export or our own). */
  async add(folder: string, dtype?: string): Promise<ModelInfo> {
    const abs = path.resolve(folder);
    const existing = listModels(this.db).find((m) => m.path === abs);
    const id = existing?.id ?? this.freeId(path.basename(abs));
    const info = await this.engine.call<ModelInfo>({ type: 'inspect', path: abs, modelId: id, ...(dtype ? { dtype } : {}) });
    const twin = listModels(this.db).find((m) => m.path !== abs && m.fingerprint === info.fingerprint);
    if (twin) {
      throw new WorkbenchError('model_duplicate', `${abs} holds the same model as "${twin.id}" (fingerprint ${info.fingerprint}, registered from ${twin.path}); it was not added again`, {
        existingId: twin.id,
        existingPath: twin.path,
        fingerprint: info.fingerprint,
      });
    }
    return upsertModel(this.db, { ...info, id, embedded: false });
  }

  /** Switches a registered model to another of its variants; it is inspected (loaded) first, so a failure changes nothing. */
  async setDtype(id: string, dtype: string): Promise<ModelInfo> {
    const current = getModel(this.db, id);
    const info = await this.engine.call<ModelInfo>({ type: 'inspect', path: current.path, modelId: id, dtype });
    return upsertModel(this.db, { ...info, id, embedded: current.embedded });
  }

  remove(id: string): void {
    if ((EMBEDDED_MODEL_IDS as readonly string[]).includes(id)) throw new WorkbenchError('invalid_payload', `${id} is an embedded model and cannot be removed`);
    removeModel(this.db, id);
  }

  list(): ModelInfo[] {
    return listModels(this.db);
  }

  get(id: string): ModelInfo {
    return getModel(this.db, id);
  }

  /** Folder of each model a config names; throws not_found for an unknown or vanished model. */
  paths(config: MethodConfig): Record<string, string> {
    const out: Record<string, string> = {};
    for (const id of modelIdsOf(config)) {
      const info = getModel(this.db, id);
      if (!fs.existsSync(info.path)) throw new WorkbenchError('model_missing', `the folder of model ${id} is gone: ${info.path}`);
      out[id] = info.path;
    }
    return out;
  }

  /** The variant each model a config names was switched to by the user (default picks are left to the engine). */
  dtypes(config: MethodConfig): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [, ref] of modelsByRole(config)) {
      const info = getModel(this.db, ref.model);
      if (info.dtypeChosen) out[ref.model] = info.dtype;
    }
    return out;
  }

  private freeId(base: string): string {
    const slug = base.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
    const taken = new Set(listModels(this.db).map((m) => m.id));
    if (!taken.has(slug)) return slug;
    for (let i = 2; ; i++) if (!taken.has(`${slug}-${i}`)) return `${slug}-${i}`;
  }
}
