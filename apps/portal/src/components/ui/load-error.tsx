import { describeError } from '@/lib/errors';
import { Alert } from './alert';
import { Button } from './button';

/** What a page shows when its data could not be loaded: the reason, and a way to try again. */
export function LoadError({
  title,
  query,
}: {
  title: string;
  query: { error: unknown; refetch: () => unknown };
}) {
  return (
    <Alert tone="error" title={title}>
      <p>{describeError(query.error)}</p>
      <Button variant="secondary" size="sm" className="mt-2" onClick={() => void query.refetch()}>
        Try again
      </Button>
    </Alert>
  );
}
