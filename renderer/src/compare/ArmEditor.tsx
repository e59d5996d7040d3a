// ArmEditor: one arm of the experiment builder: label, method (a preset config), the model of each
// role, the baseline choice, the whole config as JSON for every other parameter, and for methods with
// a swept parameter (repeated sampling's k) a sweep that turns the arm into one arm per value.
import { useState } from 'react';
import type { MethodConfig, MethodName } from '@app/methods';
import { descriptorOf, modelsByRole } from '@app/methods';
import { Button, Field, Select } from '../ui';
import type { ArmDraft } from './arm-draft';
import { withConfig, withJson } from './arm-draft';
import { presetConfig, presetLabel, presetMethods } from './arm-presets';
import { parseSweep, sweepArm, sweptParam } from './arm-sweep';

export interface ArmEditorProps {
  arm: ArmDraft;
  index: number;
  modelIds: readonly string[];
  /** Labels of the other arms (for unique default labels). */
  otherLabels: readonly string[];
  onChange: (arm: ArmDraft) => void;
  onRemove: (() => void) | null;
  onBaseline: () => void;
  /** Replaces this arm with one arm per value of its swept parameter (repeated sampling's k). */
  onSweep?: (arms: ArmDraft[]) => void;
}

/** One arm's editor card. */
export function ArmEditor({ arm, index, modelIds, otherLabels, onChange, onRemove, onBaseline, onSweep }: ArmEditorProps) {
  const id = `arm-${arm.key}`;
  const swept = sweptParam[arm.config.method];
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
  const update = (config: MethodConfig) => {
    const next = withConfig(arm, config);
    onChange(arm.autoLabel ? { ...next, label: presetLabel(config, otherLabels) } : next);
  };
  const setMethod = (method: MethodName) => update(presetConfig(method, modelIds, arm.config.sampling));
  const setModel = (role: string, model: string) => {
    const models = Object.fromEntries(modelsByRole(arm.config).map(([r, ref]) => [r, r === role ? { ...ref, model } : ref]));
    update({ ...arm.config, models } as MethodConfig);
  };
  const roles = modelsByRole(arm.config);
  const modelOptions = modelIds.map((m) => ({ value: m, label: m }));
  return (
    <fieldset className={arm.baseline ? 'cmp-arm is-baseline' : 'cmp-arm'} aria-label={`Arm ${index + 1}`} data-testid={`arm-${index}`}>
      <div className="cmp-arm-row">
        <Field label="Label" htmlFor={`${id}-label`}>
          <input
            id={`${id}-label`}
            className="input input-md"
            value={arm.label}
            onChange={(e) => onChange({ ...arm, label: e.currentTarget.value, autoLabel: false })}
          />
        </Field>
        <Field label="Method" htmlFor={`${id}-method`}>
          <Select id={`${id}-method`} value={arm.config.method} options={presetMethods.map((m) => ({ value: m, label: descriptorOf(m).label }))} onChange={setMethod} />
        </Field>
        {roles.map(([role, ref]) => (
          <Field key={role} label={role === 'model' ? 'Model' : `${role[0]!.toUpperCase()}${role.slice(1)} model`} htmlFor={`${id}-${role}`}>
            <Select
              id={`${id}-${role}`}
              value={ref.model}
              options={modelOptions.length ? modelOptions : [{ value: 'base', label: 'base' }]}
              onChange={(m) => setModel(role, m)}
            />
          </Field>
        ))}
        <label className="cmp-arm-baseline">
          <input type="radio" name="baseline" checked={arm.baseline} onChange={onBaseline} aria-label={`Arm ${index + 1} is the baseline`} />
          baseline
        </label>
        {onRemove && (
          <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove arm ${index + 1}`}>
            ×
          </Button>
        )}
      </div>
      <details className="cmp-arm-json">
        <summary>Parameters (JSON){arm.jsonError ? ' – invalid' : ''}</summary>
        <textarea
          className={arm.jsonError ? 'textarea mono is-invalid' : 'textarea mono'}
          aria-label={`Arm ${index + 1} config JSON`}
          spellCheck={false}
          rows={Math.min(24, arm.json.split('\n').length + 1)}
          value={arm.json}
          onChange={(e) => onChange(withJson(arm, e.currentTarget.value))}
        />
        {arm.jsonError && (
          <div className="field-error" role="alert">
            {arm.jsonError}
          </div>
        )}
      </details>
      {swept && onSweep && (
        <div className="cmp-arm-row">
          <Field label={`Sweep ${swept} (one arm per value)`} htmlFor={`${id}-sweep`} error={sweepError ?? undefined}>
            <input id={`${id}-sweep`} className="input input-md" value={sweepText} onChange={(e) => setSweepText(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && sweep()} />
          </Field>
          <Button size="sm" onClick={sweep} aria-label={`Sweep ${swept} of arm ${index + 1}`}>
            Sweep {swept}
          </Button>
        </div>
      )}
      <p className="faint cmp-arm-summary">{descriptorOf(arm.config.method).summary}</p>
    </fieldset>
  );
}
