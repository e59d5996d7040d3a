// Tooltip: a short description shown on hover and keyboard focus of its child.
import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import { Popover } from './Popover';

export interface TooltipProps {
  content: ReactNode;
  children: ReactNode;
  placement?: 'top' | 'bottom';
}

/** Wraps `children` in an inline element that shows `content` on hover or focus. */
export function Tooltip({ content, children, placement = 'top' }: TooltipProps) {
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const id = useId();
  const show = (e: { currentTarget: HTMLElement }) => setAnchor(e.currentTarget.getBoundingClientRect());
  const hide = () => setAnchor(null);
  return (
    <span className="tooltip-anchor" onMouseEnter={show} onMouseLeave={hide} onFocus={show} onBlur={hide} aria-describedby={anchor ? id : undefined}>
      {children}
      <Popover anchor={anchor} id={id} placement={placement} className="tooltip">
        {content}
      </Popover>
    </span>
  );
}
