// The run config, derived from the descriptors: `{ method, models: { role: ModelRef }, params,
// sampling }`, a discriminated union on `method` whose params are each method's own schema (defaults
// filled in) and whose models are exactly its roles.
import { z } from 'zod';
import type { ModelRef } from '../models';
import { ModelRef as ModelRefSchema } from '../models';
import { SamplingParams } from '../sampling';
import type { AnyDescriptor, MethodName } from './registry';
import { descriptorOf, methodDescriptors } from './registry';

type ConfigSchemaOf<D extends DescriptorShape> = z.ZodObject<{
  method: z.ZodLiteral<D['id']>;
  models: z.ZodObject<{ [K in keyof D['roles'] & string]: typeof ModelRefSchema }>;
  params: z.ZodDefault<D['params']>;
  sampling: z.ZodDefault<typeof SamplingParams>;
}>;

type DescriptorShape = { id: string; roles: object; params: z.ZodObject };
type SchemasOf<T extends readonly DescriptorShape[]> = { -readonly [K in keyof T]: T[K] extends infer D extends DescriptorShape ? ConfigSchemaOf<D> : never };
type ConfigSchemas = SchemasOf<typeof methodDescriptors>;

function configSchemaOf(d: AnyDescriptor): z.ZodObject {
  const models = z.object(Object.fromEntries(Object.keys(d.roles).map((role) => [role, ModelRefSchema])));
  const params = d.params as z.ZodObject;
  return z.object({
    method: z.literal(d.id),
    models,
    params: params.default(params.parse({})),
    sampling: SamplingParams.default(SamplingParams.parse({})),
  });
}

/** A run's method config: which method, its models by role, its parameters and the sampling. */
export const MethodConfig = z.discriminatedUnion('method', methodDescriptors.map(configSchemaOf) as unknown as ConfigSchemas);
export type MethodConfig = z.infer<typeof MethodConfig>;
export type MethodConfigOf<M extends MethodName> = Extract<MethodConfig, { method: M }>;
export type MethodParamsOf<M extends MethodName> = MethodConfigOf<M>['params'];

/** The zod schema of one method's config. */
export function configSchemaFor(method: MethodName): z.ZodObject {
  const schema = MethodConfig.options.find((o) => (o.shape.method as z.ZodLiteral).value === method);
  if (!schema) throw new Error(`unknown method ${method}`);
  return schema as unknown as z.ZodObject;
}

/** The models of a config by role, in the method's role order. */
export function modelsByRole(config: MethodConfig): [role: string, ref: ModelRef][] {
  const models: Record<string, ModelRef> = config.models;
  return Object.keys(descriptorOf(config.method).roles).map((role) => [role, models[role]!]);
}

/** The model ids of a config, in role order (a run's `models`). */
export function modelIdsOf(config: MethodConfig): string[] {
  return modelsByRole(config).map(([, ref]) => ref.model);
}

/** The model that plays the part of "the target" whose distribution a run reports on. */
export function primaryModelOf(config: MethodConfig): ModelRef {
  const models: Record<string, ModelRef> = config.models;
  return models[descriptorOf(config.method).primaryRole]!;
}

/** A complete config with every default filled in, for the given models by role. */
export function defaultMethodConfig(method: MethodName, models: Record<string, ModelRef>, params: Record<string, unknown> = {}): MethodConfig {
  return MethodConfig.parse({ method, models, params });
}

/** Checks a whole config; returns the issues as "path: message" lines (empty when valid). */
export function configIssues(config: unknown): string[] {
  const parsed = MethodConfig.safeParse(config);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`);
}

/** Parses a config of a known method, typed as that method's config. */
export function parseMethodConfig<M extends MethodName>(input: Extract<z.input<typeof MethodConfig>, { method: M }>): MethodConfigOf<M> {
  return MethodConfig.parse(input) as MethodConfigOf<M>;
}
