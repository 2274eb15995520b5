// Page navigation for long lists. Atlaskit's own pagination is built on the older, Emotion-styled button,
// whose injected <style> tags Forge's content security policy blocks; this one uses the compiled Button.
import Button from '@atlaskit/button/new';
import { pageLinks } from '../gap-filter';

export function Pager({
  page,
  pages,
  onSetPage,
  label,
}: {
  page: number;
  pages: number;
  onSetPage: (page: number) => void;
  label: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="rs-pager" aria-label={label} data-testid="pager">
      <Button
        spacing="compact"
        appearance="subtle"
        isDisabled={page <= 1}
        onClick={() => onSetPage(page - 1)}
      >
        Previous
      </Button>
      {pageLinks(page, pages).map((link, index) =>
        link === null ? (
          <span key={`gap-${index}`} className="rs-subtlest" aria-hidden="true">
            …
          </span>
        ) : (
          <Button
            key={link}
            spacing="compact"
            appearance="subtle"
            isSelected={link === page}
            aria-current={link === page ? 'page' : undefined}
            aria-label={`Page ${link}`}
            onClick={() => onSetPage(link)}
          >
            {String(link)}
          </Button>
        ),
      )}
      <Button
        spacing="compact"
        appearance="subtle"
        isDisabled={page >= pages}
        onClick={() => onSetPage(page + 1)}
      >
        Next
      </Button>
    </nav>
  );
}
