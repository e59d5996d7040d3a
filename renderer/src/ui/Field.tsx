// Field: a form row with a label, the control, help text and an error message, wired for screen readers.
import type { ReactNode } from 'react';
import { Tooltip } from './Tooltip';
import './ui.css';

export interface FieldProps {
  label: ReactNode;
  /** id of the control, so the label points at it. */
  htmlFor?: string;
  help?: ReactNode;
  error?: string | null;
  /** Mark the field as a tunable whose value the paper does not state. */
  unverified?: boolean;
  children: ReactNode;
  className?: string;
  /** Put the label beside the control (checkboxes). */
  inline?: boolean;
  /** "inline": help under the control; "tooltip": an info mark beside the label (dense forms). */
  helpMode?: 'inline' | 'tooltip';
}

/** Label + control + help + error. */
export function Field({ label, htmlFor, help, error, unverified, children, className, inline, helpMode = 'inline' }: FieldProps) {
  const tooltipHelp = helpMode === 'tooltip' && help;
  return (
    <div className={['field', inline ? 'field-inline' : '', error ? 'field-invalid' : '', className].filter(Boolean).join(' ')}>
      <div className="field-label-row">
        <label className="field-label" htmlFor={htmlFor}>
          {label}
        </label>
        {unverified && (
          <span className="field-unverified" title="Unverified in the paper: a tunable">
            tunable
          </span>
        )}
        {tooltipHelp && (
          <Tooltip content={help}>
            <span className="field-info" tabIndex={0} aria-label="Help">
              ?
            </span>
          </Tooltip>
        )}
      </div>
      <div className="field-control">{children}</div>
      {error ? (
        <div className="field-error" role="alert" id={htmlFor ? `${htmlFor}-error` : undefined}>
          {error}
        </div>
      ) : help ? (
        <div className={tooltipHelp ? 'visually-hidden' : 'field-help'} id={htmlFor ? `${htmlFor}-help` : undefined}>
          {help}
        </div>
      ) : null}
    </div>
  );
}
