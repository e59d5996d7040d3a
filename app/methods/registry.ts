// The one list of methods: every descriptor, in display order. A method exists for the workbench
// (config schema, forms, CLI, experiment builder, engine checks) exactly when it is listed here.
import type { RoleSpec } from './descriptor';
import { autoregressive } from './autoregressive';
import { chainSd } from './chain-sd';
import { del } from './del';
import { ead } from './ead';
import { promptLookup } from './prompt-lookup';
import { repeatedSampling } from './repeated-sampling';
import { rice } from './rice';
import { rsd } from './rsd';
import { specreason } from './specreason';
import { particleFiltering } from './particle-filtering';
import { astarDecoding } from './astar-decoding';
import { tokenRecycling } from './token-recycling';

/** Every method's descriptor, in display order. */
export const methodDescriptors = [
  autoregressive,
  chainSd,
  tokenRecycling,
  rsd,
  del,
  promptLookup,
  ead,
  specreason,
  rice,
  repeatedSampling,
  // test-time scaling by search (branch search)
  particleFiltering,
  astarDecoding,
] as const;

export type AnyDescriptor = (typeof methodDescriptors)[number];
export type MethodName = AnyDescriptor['id'];
export type DescriptorOf<M extends MethodName> = Extract<AnyDescriptor, { id: M }>;

/** Every method id, in display order. */
export const methodNames: readonly MethodName[] = methodDescriptors.map((d) => d.id);

const byId = new Map<string, AnyDescriptor>(methodDescriptors.map((d) => [d.id, d]));

/** Whether a string names a method of the registry. */
export function isMethodName(name: string): name is MethodName {
  return byId.has(name);
}

/** The descriptor of a method. Throws for a name not in the registry. */
export function descriptorOf<M extends MethodName>(method: M): DescriptorOf<M> {
  const d = byId.get(method);
  if (!d) throw new Error(`unknown method "${method}"`);
  return d as DescriptorOf<M>;
}

/** A method's model roles with their specs, in display order. */
export function rolesOf(method: MethodName): [role: string, spec: RoleSpec][] {
  return Object.entries(descriptorOf(method).roles as Record<string, RoleSpec>);
}

/** Whether a method is speculative decoding (lossless draft-and-verify). */
export function isSpeculative(method: string): boolean {
  return byId.get(method)?.family === 'speculative';
}

/** A method's model role names in display order. */
export function roleNamesOf(method: MethodName): string[] {
  return Object.keys(descriptorOf(method).roles);
}

/** A method's display label; the name itself for one this build does not know (an old run's). */
export function methodLabel(method: string): string {
  return byId.get(method)?.label ?? method;
}
