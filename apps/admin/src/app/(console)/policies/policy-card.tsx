'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Lock } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { FieldError, FieldHint, Input, Label } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { apiErrorData, errorMessage } from '@/lib/errors';
import { type LocationPolicy, type RouterOutputs, useTRPC } from '@/lib/trpc';

type PolicyEntry = RouterOutputs['policies']['list'][number];
type Toggle = Exclude<keyof LocationPolicy, 'maxSessionMinutes'>;

const toggles: Array<{ key: Toggle; label: string; hint: string }> = [
  {
    key: 'operatorImpersonationEnabled',
    label: 'Operators can impersonate customers',
    hint: 'Console operators may open the portal as a customer of this location.',
  },
  {
    key: 'teamAdminImpersonationEnabled',
    label: 'Team administrators can impersonate their members',
    hint: 'Team administrators may view the portal as a member of their team.',
  },
  {
    key: 'fullModeAllowed',
    label: 'Full access allowed',
    hint: 'Impersonations may make changes; otherwise they are always read-only.',
  },
  {
    key: 'fullAccessNeedsSecondApproval',
    label: 'Full access needs a second approval',
    hint: 'An operator’s full access waits until another ADMIN or OWNER of this location approves it. Team administrators follow “Full access allowed” alone.',
  },
  {
    key: 'askMemberFirst',
    label: 'Ask the member first',
    hint: 'Every view by an operator or a team administrator waits until the member agrees, in the portal; members without a login or an e-mail address cannot be asked.',
  },
  {
    key: 'urgentViewAllowed',
    label: 'Operators may start urgent views',
    hint: 'Where the member is asked first, an operator may mark a view urgent and start it without asking; the member is told afterwards. Never team administrators.',
  },
  {
    key: 'reasonRequired',
    label: 'A reason is always required',
    hint: 'Every impersonation must say why, including read-only ones.',
  },
];

/** One location's impersonation policy: a form for its ADMINs and OWNERs, read-only otherwise. */
export function PolicyCard({ entry }: { entry: PolicyEntry }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const ids = {
    title: `${id}-title`,
    minutes: `${id}-minutes`,
    minutesHint: `${id}-minutes-hint`,
    minutesError: `${id}-minutes-error`,
    readOnly: `${id}-read-only`,
  };
  const { location, editable, lockedBecause, sessionMinutes: range } = entry;
  const [draft, setDraft] = useState(entry.policy);
  const [minutes, setMinutes] = useState(String(entry.policy.maxSessionMinutes));
  const [minutesError, setMinutesError] = useState<string | null>(null);

  const save = useMutation(
    trpc.policies.update.mutationOptions({
      onSuccess: () => {
        toast.success('Policy saved', { description: `${location.name} uses the new policy.` });
        void queryClient.invalidateQueries({ queryKey: trpc.policies.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
      },
      onError: (error) => {
        if (apiErrorData(error).field === 'maxSessionMinutes') {
          setMinutesError(rangeMessage(range));
          document.getElementById(ids.minutes)?.focus();
        } else {
          toast.error('Could not save the policy', { description: errorMessage(error) });
        }
      },
    }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!editable) return;
    const value = Number(minutes);
    if (
      minutes.trim() === '' ||
      !Number.isInteger(value) ||
      value < range.min ||
      value > range.max
    ) {
      setMinutesError(rangeMessage(range));
      document.getElementById(ids.minutes)?.focus();
      return;
    }
    setMinutesError(null);
    save.mutate({ locationId: location.id, policy: { ...draft, maxSessionMinutes: value } });
  };

  const disabled = !editable || save.isPending;
  const changed =
    toggles.some(({ key }) => draft[key] !== entry.policy[key]) ||
    minutes !== String(entry.policy.maxSessionMinutes);

  return (
    <Card aria-labelledby={ids.title} data-testid={`policy-${location.id}`}>
      <CardHeader
        id={ids.title}
        title={location.name}
        description="Impersonation at this location"
        actions={
          editable ? null : (
            <Badge>
              <Lock aria-hidden="true" />
              Read-only
            </Badge>
          )
        }
      />
      <form noValidate onSubmit={submit}>
        <div className="space-y-5 px-5 py-4">
          {editable ? null : (
            <p
              id={ids.readOnly}
              className="flex items-start gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200"
            >
              <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-slate-500" />
              {lockedBecause}
            </p>
          )}
          <ul className="divide-y divide-slate-100">
            {toggles.map(({ key, label, hint }) => (
              <li key={key} className="flex items-start justify-between gap-4 py-3 first:pt-0">
                <div className="min-w-0">
                  <Label htmlFor={`${id}-${key}`}>{label}</Label>
                  <p id={`${id}-${key}-hint`} className="mt-0.5 text-xs text-slate-500">
                    {hint}
                  </p>
                </div>
                <Switch
                  id={`${id}-${key}`}
                  checked={draft[key]}
                  onCheckedChange={(checked) =>
                    setDraft((current) => ({ ...current, [key]: checked }))
                  }
                  disabled={disabled}
                  aria-describedby={
                    editable ? `${id}-${key}-hint` : `${id}-${key}-hint ${ids.readOnly}`
                  }
                />
              </li>
            ))}
          </ul>
          <div>
            <Label htmlFor={ids.minutes}>Maximum session length (minutes)</Label>
            <Input
              id={ids.minutes}
              type="number"
              inputMode="numeric"
              min={range.min}
              max={range.max}
              step={1}
              required
              value={minutes}
              disabled={disabled}
              onChange={(event) => {
                setMinutes(event.target.value);
                if (minutesError) setMinutesError(null);
              }}
              aria-invalid={minutesError ? true : undefined}
              aria-describedby={
                minutesError ? `${ids.minutesError} ${ids.minutesHint}` : ids.minutesHint
              }
              className="mt-1.5 max-w-32 tabular-nums"
            />
            {minutesError ? <FieldError id={ids.minutesError}>{minutesError}</FieldError> : null}
            <FieldHint id={ids.minutesHint}>
              How long one impersonation may last: {range.min} to {range.max} minutes.
            </FieldHint>
          </div>
        </div>
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 px-5 py-3">
          {editable && changed && !save.isPending ? (
            <p className="mr-auto text-xs text-slate-500">Unsaved changes</p>
          ) : null}
          <Button
            type="submit"
            variant="primary"
            disabled={disabled}
            aria-describedby={editable ? undefined : ids.readOnly}
          >
            {save.isPending ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function rangeMessage(range: { min: number; max: number }): string {
  return `Enter a whole number of minutes from ${range.min} to ${range.max}.`;
}
