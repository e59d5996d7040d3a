// Badge: a small label with a tone, for statuses, kinds and counts.
import type { HTMLAttributes, ReactNode } from 'react';
import './ui.css';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger' | 'info';

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone?: BadgeTone;
  /** Show a leading dot (pulsing when `live`). */
  dot?: boolean;
  live?: boolean;
  children: ReactNode;
}

/** An inline badge. */
export function Badge({ tone = 'neutral', dot, live, className, children, ...rest }: BadgeProps) {
  const classes = ['badge', `badge-${tone}`, className].filter(Boolean).join(' ');
  return (
    <span className={classes} {...rest}>
      {dot && <span className={live ? 'badge-dot badge-dot-live' : 'badge-dot'} aria-hidden="true" />}
      {children}
    </span>
  );
}
