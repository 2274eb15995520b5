// A modal dialog on the browser's own <dialog>: `showModal()` makes the rest of the page inert (focus cannot
// leave it), Escape closes it, and the top layer puts it above everything without a portal. No Atlaskit
// modal package is installed, and this needs none. Focus goes back to whatever opened it when it closes.
// Jira sizes a project page's iframe to its content, so the frame's viewport is the whole page and a dialog
// centred in it could sit far from where the user is looking: it opens level with what opened it instead.
import Button from '@atlaskit/button/new';
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

/** Room the dialog may take below its top edge (app.css caps its height at this). */
const DIALOG_MAX_PX = 640;

/** Where the dialog's top edge goes: a little above its opener, kept inside the frame; null: centred. */
function openingTop(opener: HTMLElement | null): number | null {
  if (!opener || opener === document.body) return null;
  const { top } = opener.getBoundingClientRect();
  const lowest = Math.max(8, window.innerHeight - DIALOG_MAX_PX - 16);
  return Math.round(Math.min(Math.max(8, top - 48), lowest));
}

export function BulkDialog({
  title,
  onClose,
  children,
  footer,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
  testId: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const top = openingTop(opener);
    if (top !== null) {
      // CSSOM, which the content security policy allows (no inline style attribute).
      dialog.style.insetBlock = `${top}px auto`;
      dialog.style.marginBlock = '0';
    }
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have gone (the rows reloaded); then focus stays where the browser puts it.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="rs-dialog"
      aria-labelledby={headingId}
      data-testid={testId}
      onCancel={(event) => {
        // Escape: close through React, so the state and the element agree.
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <div className="rs-dialog-header">
        <h2 id={headingId} className="rs-dialog-title">
          {title}
        </h2>
      </div>
      <div className="rs-dialog-body">{children}</div>
      <div className="rs-dialog-footer">{footer}</div>
    </dialog>
  );
}

/**
 * The footer every bulk dialog shares: Close once its job is queued; until then Cancel and "Apply to N issues"
 * (disabled, with "Nothing would change.", when the preview writes nothing).
 */
export function BulkFooter({
  queued,
  ready,
  writes,
  canApply,
  busy,
  locale,
  onApply,
  onClose,
}: {
  queued: boolean;
  ready: boolean;
  writes: number;
  canApply: boolean;
  busy: boolean;
  locale: string;
  onApply: () => void;
  onClose: () => void;
}) {
  if (queued) {
    return (
      <Button appearance="primary" onClick={onClose} testId="bulk-close">
        Close
      </Button>
    );
  }
  const number = new Intl.NumberFormat(locale);
  return (
    <>
      {ready && writes === 0 && (
        <span className="rs-subtle rs-small" data-testid="bulk-nothing-to-apply">
          Nothing would change.
        </span>
      )}
      <Button appearance="subtle" onClick={onClose} testId="bulk-cancel">
        Cancel
      </Button>
      <Button
        appearance="primary"
        isDisabled={writes === 0 || !canApply}
        isLoading={busy}
        onClick={onApply}
        testId="bulk-apply"
      >
        {writes > 0 ? `Apply to ${number.format(writes)} ${writes === 1 ? 'issue' : 'issues'}` : 'Apply'}
      </Button>
    </>
  );
}
