'use client';

import { CalendarPlus } from 'lucide-react';
import Link from 'next/link';
import { useReadOnly } from '@/components/session-context';
import { Button, buttonClasses } from '@/components/ui/button';
import { readOnlyNoticeId } from './read-only-notice';

/** The way to the booking form; in a read-only view a disabled button that points at the reason. */
export function BookSpaceLink() {
  const readOnly = useReadOnly();
  if (readOnly) {
    return (
      <Button disabled aria-describedby={readOnlyNoticeId}>
        <CalendarPlus aria-hidden="true" className="size-4" />
        Book a space
      </Button>
    );
  }
  return (
    <Link href="/bookings/new" className={buttonClasses()}>
      <CalendarPlus aria-hidden="true" className="size-4" />
      Book a space
    </Link>
  );
}
