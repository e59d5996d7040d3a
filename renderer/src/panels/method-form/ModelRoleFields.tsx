// Models per role of the chosen method: a model select (unsuitable models disabled with the reason)
// and a provider select (cpu / webgpu, and cuda where installed) for each, plus a vocabulary warning.
import type { MethodName } from '@app/methods';
import { roleNamesOf } from '@app/methods';
import type { ModelInfo, ModelRef, Provider } from '@app/models';
import { formatParams } from '../run/format';
import { useEngineStatus } from '../../state/engine-status';
import { Field } from '../../ui/Field';
import { Select } from '../../ui/Select';
import { modelChoices, vocabularyWarning } from './model-choices';
import './method-form.css';

const DEFAULT_PROVIDERS: readonly Provider[] = ['cpu', 'webgpu'];

export interface ModelRoleFieldsProps {
  method: MethodName;
  models: readonly ModelInfo[];
  /** Effective model per role (the pick or the default). */
  refs: Record<string, ModelRef>;
  onChange: (role: string, ref: ModelRef) => void;
  /** Prefix of the controls' ids (unique per form on the page). */
  idPrefix?: string;
}

/** One row per model role. */
export function ModelRoleFields({ method, models, refs, onChange, idPrefix = 'pg' }: ModelRoleFieldsProps) {
  const roles = roleNamesOf(method);
  const warning = vocabularyWarning(refs, models);
  // Only the providers this install offers (cuda where onnxruntime-node's CUDA binaries are present).
  const offered: readonly Provider[] = useEngineStatus((s) => s.info?.providers ?? DEFAULT_PROVIDERS);
  const providerOptions = offered.map((p) => ({ value: p, label: p }));
  return (
    <div className="role-fields">
      {roles.map((role) => {
        const choices = modelChoices(method, role, models);
        const ref = refs[role];
        const id = `${idPrefix}-model-${role}`;
        const options = choices.map((c) => ({
          value: c.model.id,
          label: `${c.model.name} · ${formatParams(c.model.manifest.parameters)}${c.problem ? ` (${c.problem})` : c.suited ? '' : ' (not trained for this role)'}`,
          disabled: c.problem !== null,
        }));
        return (
          <Field key={role} label={role === 'model' ? 'Model' : `${role[0]!.toUpperCase()}${role.slice(1)} model`} htmlFor={id} error={ref ? null : 'No registered model can play this role'}>
            <div className="role-row">
              {ref ? (
                <>
                  <Select id={id} value={ref.model} options={options} onChange={(model) => onChange(role, { ...ref, model })} data-testid={`model-${role}`} />
                  <Select
                    value={ref.provider}
                    options={providerOptions}
                    onChange={(provider: Provider) => onChange(role, { ...ref, provider })}
                    aria-label={`${role} provider`}
                    title="Execution provider for this model (each model chooses its own)"
                    className="provider-select"
                    data-testid={`provider-${role}`}
                  />
                </>
              ) : (
                <span className="muted">–</span>
              )}
            </div>
          </Field>
        );
      })}
      {warning && <div className="form-warning">{warning}</div>}
    </div>
  );
}
