// ArmEditor: one arm of the experiment builder, edited through the same generated form as the
// Playground: label, method (with its summary and paper), the model and provider of each role, the
// method's parameters with their docs beside each field, the arm's own sampling settings, and the
// baseline choice. The whole config as JSON stays available as an advanced view. Methods with a swept
// parameter (repeated sampling's k, particle filtering's N, A*-decoding's k) offer a sweep that turns
// the arm into one arm per value.
import { useState } from 'react';
import type { MethodConfig, MethodName } from '@app/methods';
import { methodParamFields, samplingParamFields } from '@app/methods';
import type { ModelInfo } from '@app/models';
import { MethodPicker } from '../panels/method-form/MethodPicker';
import { ModelRoleFields } from '../panels/method-form/ModelRoleFields';
import { ParamsForm } from '../panels/method-form/ParamsForm';
import { Button, Field } from '../ui';
import type { ArmDraft } from './arm-draft';
import { armFieldProblems, withConfig, withFieldError, withJson, withModel, withParam } from './arm-draft';
import { presetConfig, presetLabel } from './arm-presets';
import { parseSweep, sweepArm, sweptParam } from './arm-sweep';

export interface ArmEditorProps {
  arm: ArmDraft;
  index: number;
  models: readonly ModelInfo[];
  /** Labels of the other arms (for unique default labels). */
  otherLabels: readonly string[];
  /** Applies a change to this arm's latest draft (several can come from one event). */
  onUpdate: (change: (arm: ArmDraft) => ArmDraft) => void;
  onRemove: (() => void) | null;
  onBaseline: () => void;
  /** Replaces this arm with one arm per value of its swept parameter (repeated sampling's k, particle filtering's N, A*'s k). */
  onSweep?: (arms: ArmDraft[]) => void;
}

/** Sampling settings the builder shares across arms (max new tokens, temperature) or sets per sample (seed). */
const SHARED_SAMPLING = new Set(['maxNewTokens', 'temperature', 'seed']);
const armSamplingFields = samplingParamFields().filter((f) => !SHARED_SAMPLING.has(f.key));

/** The draft after a config change; an automatic label follows the method and models. */
function relabel(next: ArmDraft, otherLabels: readonly string[]): ArmDraft {
  return next.autoLabel ? { ...next, label: presetLabel(next.config, otherLabels) } : next;
}

/** One arm's editor card. */
export function ArmEditor({ arm, index, models, otherLabels, onUpdate, onRemove, onBaseline, onSweep }: ArmEditorProps) {
  const id = `arm-${arm.key}`;
  const modelIds = models.map((m) => m.id);
  const config = arm.config;
  const setMethod = (method: MethodName) => onUpdate((a) => relabel(withConfig(a, presetConfig(method, modelIds, a.config.sampling)), otherLabels));
  const problems = armFieldProblems(arm);
  const swept = sweptParam[config.method];
  const [sweepText, setSweepText] = useState('1, 2, 4, 8');
  const [sweepError, setSweepError] = useState<string | null>(null);
  const sweep = () => {
    if (!swept || !onSweep) return;
    const values = parseSweep(sweepText);
    const arms = typeof values === 'string' ? values : sweepArm(arm, swept, values);
    if (typeof arms === 'string') setSweepError(arms);
    else {
      setSweepError(null);
      onSweep(arms);
    }
  };
  return (
    <fieldset className={arm.baseline ? 'cmp-arm is-baseline' : 'cmp-arm'} aria-label={`Arm ${index + 1}`} data-testid={`arm-${index}`}>
      <div className="cmp-arm-row">
        <Field label="Label" htmlFor={`${id}-label`}>
          <input
            id={`${id}-label`}
            className="input input-md"
            value={arm.label}
            onChange={(e) => {
              const label = e.currentTarget.value;
              onUpdate((a) => ({ ...a, label, autoLabel: false }));
            }}
          />
        </Field>
        <label className="cmp-arm-baseline">
          <input type="radio" name="baseline" checked={arm.baseline} onChange={onBaseline} aria-label={`Arm ${index + 1} is the baseline`} />
          baseline
        </label>
        {problems.length > 0 && <span className="field-error">Fix {problems.map((p) => p.split('.')[1]).join(', ')}</span>}
        <span className="spacer" />
        {onRemove && (
          <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove arm ${index + 1}`}>
            ×
          </Button>
        )}
      </div>
      <div className="cmp-arm-form">
        <div className="cmp-arm-method">
          <MethodPicker idPrefix={id} value={config.method} onChange={setMethod} />
          <ModelRoleFields
            idPrefix={id}
            method={config.method}
            models={models}
            refs={config.models}
            onChange={(role, ref) => onUpdate((a) => relabel(withModel(a, role, ref), otherLabels))}
          />
        </div>
        <div className="cmp-arm-params" aria-label={`Arm ${index + 1} parameters`} role="group">
          <ParamsForm
            key={config.method}
            scope={config.method}
            idPrefix={`${id}-${config.method}`}
            layout="beside"
            fields={methodParamFields(config.method)}
            values={config.params}
            errors={arm.fieldErrors}
            onChange={(key, value) => onUpdate((a) => withParam(a, key, value))}
            onFieldError={(fieldId, message) => onUpdate((a) => withFieldError(a, fieldId, message))}
            emptyText="This method has no parameters besides sampling."
          />
          <details className="cmp-arm-sampling">
            <summary>Sampling of this arm (top-k, top-p, stop strings…)</summary>
            <ParamsForm
              scope="sampling"
              idPrefix={`${id}-sampling`}
              compact
              fields={armSamplingFields}
              values={config.sampling}
              errors={arm.fieldErrors}
              onChange={(key, value) => onUpdate((a) => withConfig(a, { ...a.config, sampling: { ...a.config.sampling, [key]: value } } as MethodConfig))}
              onFieldError={(fieldId, message) => onUpdate((a) => withFieldError(a, fieldId, message))}
            />
            <p className="faint cmp-arm-note">Max new tokens and temperature are set for all arms above; each sample’s seed is the base seed + its index.</p>
          </details>
        </div>
      </div>
      {swept && onSweep && (
        <div className="cmp-arm-row cmp-arm-sweep">
          <Field label={`Sweep ${swept} (one arm per value)`} htmlFor={`${id}-sweep`} error={sweepError ?? undefined}>
            <input id={`${id}-sweep`} className="input input-md" value={sweepText} onChange={(e) => setSweepText(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && sweep()} />
          </Field>
          <Button size="sm" onClick={sweep} aria-label={`Sweep ${swept} of arm ${index + 1}`}>
            Sweep {swept}
          </Button>
        </div>
      )}
      <details className="cmp-arm-json">
        <summary>Advanced: the config as JSON{arm.jsonError ? ' – invalid' : ''}</summary>
        <textarea
          className={arm.jsonError ? 'textarea mono is-invalid' : 'textarea mono'}
          aria-label={`Arm ${index + 1} config JSON`}
          spellCheck={false}
          rows={Math.min(24, arm.json.split('\n').length + 1)}
          value={arm.json}
          onChange={(e) => {
            const json = e.currentTarget.value;
            onUpdate((a) => withJson(a, json));
          }}
        />
        {arm.jsonError && (
          <div className="field-error" role="alert">
            {arm.jsonError}
          </div>
        )}
      </details>
    </fieldset>
  );
}
