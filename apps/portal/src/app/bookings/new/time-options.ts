/** "HH:MM" as minutes since midnight. */
export const minutesOf = (clock: string) => {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
};

const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Every step from `first` to `last`, both included: the times the server's terms allow. */
export function clockSteps(first: string, last: string, stepMinutes: number): string[] {
  const steps: string[] = [];
  for (let m = minutesOf(first); m <= minutesOf(last); m += stepMinutes) steps.push(clockOf(m));
  return steps;
}
