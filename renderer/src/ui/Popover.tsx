// Popover: floating content anchored to a rectangle on screen (a hovered token, a button), flipped
// above or below to stay in the viewport. Rendered in a portal so containers cannot clip it.
import type { ReactNode } from 'react';
import { useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import './ui.css';

export interface PopoverProps {
  /** The anchor's viewport rectangle; null hides the popover. */
  anchor: DOMRect | null;
  children: ReactNode;
  /** Preferred side; flips when there is no room. */
  placement?: 'top' | 'bottom';
  id?: string;
  className?: string;
  role?: string;
}

const GAP = 6;
const MARGIN = 8;

/** A positioned floating box (position is set from JS, which the CSP allows). */
export function Popover({ anchor, children, placement = 'bottom', id, className, role = 'tooltip' }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !anchor) return;
    const box = el.getBoundingClientRect();
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    let top = placement === 'bottom' ? anchor.bottom + GAP : anchor.top - box.height - GAP;
    if (placement === 'bottom' && top + box.height > vh - MARGIN) top = anchor.top - box.height - GAP;
    if (placement === 'top' && top < MARGIN) top = anchor.bottom + GAP;
    let left = anchor.left;
    if (left + box.width > vw - MARGIN) left = vw - MARGIN - box.width;
    el.style.top = `${Math.max(MARGIN, top)}px`;
    el.style.left = `${Math.max(MARGIN, left)}px`;
  });
  if (!anchor) return null;
  return createPortal(
    <div ref={ref} id={id} role={role} className={['popover', className].filter(Boolean).join(' ')}>
      {children}
    </div>,
    document.body,
  );
}
