import { useState } from 'react';
import { modeLabel, pluralize } from '@/lib/format';

export interface AnnouncedView {
  targetName: string;
  actorName: string;
  actorRole: string;
  mode: 'READ_ONLY' | 'FULL';
}

type Phase = 'running' | 'last-minute' | 'ended';

function phaseOf(timeLeft: number): Phase {
  if (timeLeft <= 0) return 'ended';
  return timeLeft <= 60_000 ? 'last-minute' : 'running';
}

/** The whole view in two sentences: who sees whose portal, how, and for how long. */
function introduction(view: AnnouncedView, phase: Phase, timeLeft: number): string {
  const left = {
    running: `${pluralize(Math.floor(timeLeft / 60_000), 'minute')} left.`,
    'last-minute': 'Less than a minute left.',
    ended: 'This view has ended.',
  }[phase];
  const mode = modeLabel(view.mode).toLowerCase();
  return `Viewing as ${view.targetName} by ${view.actorName} (${view.actorRole}), ${mode}. ${left}`;
}

function turnOf(view: AnnouncedView, phase: Exclude<Phase, 'running'>): string {
  return phase === 'ended'
    ? `Your view as ${view.targetName} has ended.`
    : `Less than a minute left viewing as ${view.targetName}.`;
}

/**
 * What the impersonation banner's live region says. Filled once the clock is known, after the
 * page is shown, so that a screen reader reads it as the banner appears (a live region that
 * arrives with its text is not read out); then changed only when the view enters its last
 * minute and when it ends. The countdown itself is a `timer`, which stays silent.
 */
export function useImpersonationAnnouncement(
  view: AnnouncedView | null,
  timeLeft: number | null,
): string {
  const [spoken, setSpoken] = useState<{ phase: Phase; text: string } | null>(null);
  const phase = view === null || timeLeft === null ? null : phaseOf(timeLeft);
  if (view !== null && timeLeft !== null && phase !== null && phase !== spoken?.phase) {
    // Set while rendering (React's way to follow a changed input), so no frame shows stale text.
    setSpoken({
      phase,
      text:
        spoken === null || phase === 'running'
          ? introduction(view, phase, timeLeft)
          : turnOf(view, phase),
    });
  }
  return spoken?.text ?? '';
}
