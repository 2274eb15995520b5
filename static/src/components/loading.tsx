import Spinner from '@atlaskit/spinner';

export function Loading({ label }: { label: string }) {
  return (
    <div className="rs-center" data-testid="loading" role="status">
      <Spinner size="large" label={label} />
    </div>
  );
}
