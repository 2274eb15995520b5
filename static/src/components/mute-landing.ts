// The email's mute link lands on the project's Alignment page with one more path segment: the page's URL
// (`/jira/software/projects/KEY/apps/<appId>/<envId>`) followed by `/mute`. Jira hands everything after the
// module's base URL to the app's own history (`view.createHistory()`, the way Custom UI pages route their
// subpages), so the page reads `/mute` from `history.location.pathname`, asks the person to confirm, and then
// replaces the location with `/` so a reload or a shared URL does not ask again. A GET link never mutes by
// itself: mail scanners open links, and muting is the person's decision, made with one click on the page.
import { useCallback, useEffect, useState } from 'react';
import { createHistory } from '../bridge';
import { isMuteRoute } from './mute-route';

/** What the page uses of the bridge's history (the `history` package's shape). */
interface PageHistory {
  location: { pathname: string; search: string };
  replace(path: string): void;
}

/**
 * Whether the page was opened from the email's mute link and the question is still open (`landing`), whether
 * it ever was this visit (`landed`), and a way to close the question once answered.
 */
export function useMuteLanding(enabled: boolean): { landing: boolean; landed: boolean; done: () => void } {
  const [history, setHistory] = useState<PageHistory | null>(null);
  const [landing, setLanding] = useState(false);
  const [landed, setLanded] = useState(false);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    // A host without page history (an issue view, an older Jira) simply has no landing.
    createHistory()
      .then((created: unknown) => {
        const candidate = created as PageHistory | null | undefined;
        if (!current || !candidate?.location) return;
        setHistory(candidate);
        const fromLink = isMuteRoute(candidate.location);
        setLanding(fromLink);
        setLanded(fromLink);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [enabled]);

  const done = useCallback(() => {
    setLanding(false);
    try {
      history?.replace('/');
    } catch (error) {
      console.error('Role Split: could not leave the mute link’s address', error);
    }
  }, [history]);

  return { landing, landed, done };
}
