// A link to a Jira issue. Inside Forge's iframe a plain href would load Jira inside the frame, so the click
// goes through the bridge's router (a relative URL: no confirmation prompt); the href stays for hover
// previews and the accessibility tree.
import { router } from '../bridge';
import type { MouseEvent } from 'react';
import { useAppContext } from '../app-context';

export function IssueLink({ issueKey, label }: { issueKey: string; label?: string }) {
  const { siteUrl } = useAppContext();
  const path = `/browse/${encodeURIComponent(issueKey)}`;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    router
      .navigate(path)
      .catch((error: unknown) => console.error(`Role Split: could not open ${issueKey}`, error));
  };
  return (
    <a
      className="rs-issue-link"
      href={siteUrl ? `${siteUrl}${path}` : path}
      onClick={onClick}
      aria-label={label}
    >
      {issueKey}
    </a>
  );
}
