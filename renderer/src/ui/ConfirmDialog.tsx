// ConfirmDialog: the in-app "are you sure?" for destructive actions (instead of the browser's
// confirm()): a title, what will happen, Keep and a danger button that shows it is busy.
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Button } from './Button';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The danger button's text. */
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}

/** A modal asking to confirm; closes itself after onConfirm resolves. */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      size="sm"
      footer={
        <>
          <Button onClick={onClose}>Keep</Button>
          <Button variant="danger" onClick={() => void confirm()} disabled={busy} data-testid="confirm-danger">
            {busy ? 'Working…' : confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Modal>
  );
}
