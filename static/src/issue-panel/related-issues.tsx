// The issue's neighbours in the split: a story shows its epic and that epic's PM; an epic shows how many of
// its stories have a PO, and which.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useState } from 'react';
import type { IssuePanelView } from '../../../src/contract';
import { IssueLink } from '../components/issue-link';
import { PersonLine } from '../components/person-line';
import { ProgressBar } from '../components/progress-bar';

type Epic = IssuePanelView['epic'];
type Stories = NonNullable<IssuePanelView['stories']>;

/** Long story lists are cut to this many until the user asks for all. */
const STORIES_SHOWN = 8;

export function EpicSummary({ epic }: { epic: Epic }) {
  return (
    <section className="rs-section" aria-labelledby="rs-epic-heading" data-testid="panel-epic">
      <div className="rs-section-heading">
        <Heading size="xsmall" as="h2" id="rs-epic-heading">
          Epic
        </Heading>
      </div>
      {epic === null ? (
        <p className="rs-subtle">This story is not in an epic yet.</p>
      ) : (
        <div className="rs-related">
          <span className="rs-related-issue">
            <IssueLink issueKey={epic.key} />
            <span className="rs-truncate" title={epic.summary}>
              {epic.summary}
            </span>
          </span>
          <span className="rs-related-issue">
            <span className="rs-subtle rs-small">Product Manager</span>
            <PersonLine person={epic.pm} role="pm" />
          </span>
        </div>
      )}
    </section>
  );
}

export function StoriesCoverage({ stories }: { stories: Stories }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? stories.items : stories.items.slice(0, STORIES_SHOWN);
  const hidden = stories.items.length - shown.length;
  const summary =
    stories.total === 0
      ? 'No stories yet'
      : `${stories.withPo} of ${stories.total} ${stories.total === 1 ? 'story has' : 'stories have'} a PO`;
  return (
    <section className="rs-section" aria-labelledby="rs-stories-heading" data-testid="panel-stories">
      <div className="rs-section-heading">
        <Heading size="xsmall" as="h2" id="rs-stories-heading">
          Stories
        </Heading>
        <span className="rs-subtle rs-small" data-testid="panel-stories-summary">
          {summary}
        </span>
      </div>
      {stories.total > 0 && (
        <>
          <ProgressBar value={stories.withPo} max={stories.total} label="Stories with a Product Owner" />
          <ul className="rs-stories" id="rs-story-list">
            {/* The backend orders the list (missing or ineligible POs first, then by key): shown as sent. */}
            {shown.map((story) => (
              <li className="rs-story" key={story.key}>
                <IssueLink issueKey={story.key} />
                <span className="rs-truncate" title={story.summary}>
                  {story.summary}
                </span>
                <PersonLine person={story.po} role="po" />
              </li>
            ))}
          </ul>
          {(hidden > 0 || showAll) && stories.items.length > STORIES_SHOWN && (
            <div>
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={() => setShowAll((value) => !value)}
                aria-expanded={showAll}
                aria-controls="rs-story-list"
              >
                {showAll ? 'Show fewer' : `Show all ${stories.items.length}`}
              </Button>
            </div>
          )}
          {stories.items.length < stories.total && (
            <p className="rs-subtlest rs-small">
              Showing the first {stories.items.length} of {stories.total} stories.
            </p>
          )}
        </>
      )}
    </section>
  );
}
