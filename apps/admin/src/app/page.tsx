import { redirect } from 'next/navigation';

/** Operators start where they spend their day; signed-out visitors are sent on to sign-in. */
export default function HomePage() {
  redirect('/customers');
}
