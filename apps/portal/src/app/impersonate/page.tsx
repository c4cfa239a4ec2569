import type { Metadata } from 'next';
import { ImpersonateLanding } from './impersonate-landing';

export const metadata: Metadata = {
  title: 'Opening the member portal',
  // The token never reaches this server (it is in the fragment), and no link from here leaks it.
  referrer: 'no-referrer',
};

export default function ImpersonatePage() {
  return <ImpersonateLanding />;
}
