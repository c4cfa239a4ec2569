'use client';

import { Select } from '@/components/ui/field';
import { useOperator } from '@/lib/operator-context';

/** A list's location filter: one of the operator's locations, or all of them ("all"). */
export function LocationFilterSelect({
  id,
  locationId,
  onChange,
}: {
  id: string;
  locationId: number | null;
  onChange: (location: string) => void;
}) {
  const { operator } = useOperator();
  return (
    <Select
      id={id}
      className="mt-1.5"
      value={locationId === null ? 'all' : String(locationId)}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="all">All locations</option>
      {operator.locations.map((location) => (
        <option key={location.id} value={location.id}>
          {location.name}
        </option>
      ))}
    </Select>
  );
}
