// A section message without Atlaskit's SectionMessage: that component brings a tooltip, a popper and the
// top-layer runtime (about 40 KB gzipped), too much for the issue context's first paint. Same look, made of
// design tokens in app.css; `role="alert"` for errors so screen readers hear them when they appear.
import type { ReactNode } from 'react';

export type NoticeAppearance = 'error' | 'warning' | 'information' | 'success' | 'discovery';

const ICON: Readonly<Record<NoticeAppearance, string>> = {
  error: '!',
  warning: '!',
  information: 'i',
  success: '✓',
  discovery: '?',
};

export function Notice({
  appearance,
  title,
  children,
  actions,
  testId,
}: {
  appearance: NoticeAppearance;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section
      className={`rs-notice rs-notice--${appearance}`}
      data-testid={testId}
      role={appearance === 'error' ? 'alert' : undefined}
      aria-label={title}
    >
      <span className={`rs-notice-icon rs-notice-icon--${appearance}`} aria-hidden="true">
        {ICON[appearance]}
      </span>
      <div className="rs-notice-body">
        <h2 className="rs-notice-title">{title}</h2>
        {children}
        {actions && <div className="rs-notice-actions">{actions}</div>}
      </div>
    </section>
  );
}
