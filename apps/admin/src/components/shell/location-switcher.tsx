'use client';

import { Check, ChevronsUpDown, MapPin } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { usePathname } from 'next/navigation';
import { useOperator } from '@/lib/operator-context';

/**
 * The location the console works in, for operators who cover several. Pages use it as their
 * default location filter; a page's own `location` parameter still wins.
 */
export function LocationSwitcher() {
  const { operator, workingLocationId, setWorkingLocationId } = useOperator();
  const pathname = usePathname();
  const locations = operator.locations;

  if (locations.length < 2) {
    return (
      <p className="flex items-center gap-2 rounded-md px-3 py-2 text-sm text-slate-300 lg:bg-slate-800/50">
        <MapPin aria-hidden="true" className="size-4 text-slate-400" />
        {locations[0]?.name ?? 'No location'}
      </p>
    );
  }

  const current = locations.find((location) => location.id === workingLocationId);
  const choose = (value: string) => {
    setWorkingLocationId(value === 'all' ? null : Number(value));
    // The page's own location filter (and what depends on it) gives way to the new choice.
    const params = new URLSearchParams(window.location.search);
    // Teams belong to one location.
    if (['location', 'page', 'team'].some((key) => params.has(key))) {
      params.delete('location');
      params.delete('page');
      params.delete('team');
      const query = params.toString();
      window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
    }
  };

  // Not modal: a modal menu hides the page behind it with aria-hidden while its links stay
  // focusable.
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="flex w-full items-center gap-2 rounded-md bg-slate-800/60 px-3 py-2 text-left text-sm text-white ring-1 ring-slate-700 hover:bg-slate-800 data-[state=open]:bg-slate-800">
        <MapPin aria-hidden="true" className="size-4 shrink-0 text-teal-400" />
        <span className="min-w-0 flex-1">
          <span className="block text-[11px] leading-tight text-slate-400">Working in</span>
          <span className="block truncate font-medium">{current?.name ?? 'All locations'}</span>
        </span>
        <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 min-w-56 rounded-lg border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-slate-500">
            Show customers and activity of
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={workingLocationId === null ? 'all' : String(workingLocationId)}
            onValueChange={choose}
          >
            {[{ id: 'all', name: 'All locations' }, ...locations].map((location) => (
              <DropdownMenu.RadioItem
                key={location.id}
                value={String(location.id)}
                className="relative flex cursor-default items-center rounded-md py-1.5 pr-2 pl-8 outline-none select-none data-[highlighted]:bg-slate-100"
              >
                <DropdownMenu.ItemIndicator className="absolute left-2">
                  <Check aria-hidden="true" className="size-4 text-teal-700" />
                </DropdownMenu.ItemIndicator>
                {location.name}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
