// Button: the one clickable control of the app, in four variants and two sizes.
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import './ui.css';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Leading glyph (an emoji-free text symbol or small element). */
  icon?: ReactNode;
  /** Shortcut shown at the end of the label, e.g. "Ctrl+Enter". */
  shortcut?: string;
  ref?: Ref<HTMLButtonElement>;
}

/** A button; `type` defaults to "button" so it never submits a form by accident. */
export function Button({ variant = 'secondary', size = 'md', icon, shortcut, className, children, type = 'button', ref, ...rest }: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, `btn-${size}`, className].filter(Boolean).join(' ');
  return (
    <button ref={ref} type={type} className={classes} {...rest}>
      {icon !== undefined && <span className="btn-icon" aria-hidden="true">{icon}</span>}
      {children !== undefined && <span className="btn-label">{children}</span>}
      {shortcut && <kbd className="btn-kbd">{shortcut}</kbd>}
    </button>
  );
}
