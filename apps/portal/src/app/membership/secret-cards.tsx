'use client';

import { useMutation } from '@tanstack/react-query';
import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { CreditCard, KeyRound } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';

type Overview = inferRouterOutputs<PortalRouter>['membership']['get'];
type Card = NonNullable<Overview['paymentMethod']['card']>;
type RevealTerms = Overview['doorPin']['reveal'];

const masked = '••••';

function cardLine(card: Card) {
  const expiry = `${String(card.expiryMonth).padStart(2, '0')}/${card.expiryYear}`;
  return `${card.brand} ${masked} ${card.last4}, expires ${expiry}`;
}

/** The card on file: shown to the member, masked in a view until someone allowed reveals it. */
export function PaymentMethodCard({ paymentMethod }: { paymentMethod: Overview['paymentMethod'] }) {
  const [revealed, setRevealed] = useState<Card | null>(null);
  const card = paymentMethod.card ?? revealed;
  return (
    <Card title="Payment method">
      {!paymentMethod.onFile ? (
        <p className="text-sm text-slate-600">No card on file.</p>
      ) : card ? (
        <Secret icon={CreditCard} label="Card" value={cardLine(card)}>
          {revealed ? (
            <Button variant="ghost" size="sm" onClick={() => setRevealed(null)}>
              Hide
            </Button>
          ) : null}
        </Secret>
      ) : (
        <Reveal
          secret="PAYMENT_METHOD"
          terms={paymentMethod.reveal}
          what="card details"
          onRevealed={(answer) => answer.secret === 'PAYMENT_METHOD' && setRevealed(answer.card)}
        >
          <Secret icon={CreditCard} label="Card" value={`Card on file ${masked} ${masked}`} />
        </Reveal>
      )}
    </Card>
  );
}

/** The door PIN: masked for everyone until revealed, and every reveal is on the record. */
export function DoorPinCard({ doorPin }: { doorPin: Overview['doorPin'] }) {
  const [pin, setPin] = useState<string | null>(null);
  return (
    <Card title="Door PIN" description="Opens the front door at your location.">
      {!doorPin.onFile ? (
        <p className="text-sm text-slate-600">No door PIN is set. Ask the front desk for one.</p>
      ) : pin ? (
        <Secret icon={KeyRound} label="PIN" value={pin} mono testId="door-pin">
          <Button variant="ghost" size="sm" onClick={() => setPin(null)}>
            Hide
          </Button>
        </Secret>
      ) : (
        <Reveal
          secret="DOOR_PIN"
          terms={doorPin.reveal}
          what="door PIN"
          onRevealed={(answer) => answer.secret === 'DOOR_PIN' && setPin(answer.pin)}
        >
          <Secret icon={KeyRound} label="PIN" value={masked} mono testId="door-pin" />
        </Reveal>
      )}
    </Card>
  );
}

function Secret({
  icon: Icon,
  label,
  value,
  mono = false,
  testId,
  children,
}: {
  icon: typeof KeyRound;
  label: string;
  value: string;
  mono?: boolean;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex items-center justify-between gap-3">
      <div className="flex min-w-0 items-center gap-3">
        <Icon aria-hidden="true" className="size-5 shrink-0 text-slate-400" />
        <p className="min-w-0">
          <span className="sr-only">{label}: </span>
          <span
            data-testid={testId}
            className={mono ? 'font-mono text-lg tracking-widest text-slate-900' : 'text-slate-900'}
          >
            {value}
          </span>
        </p>
      </div>
      {children}
    </div>
  );
}

type Revealed = inferRouterOutputs<PortalRouter>['membership']['reveal'];

/**
 * The masked value with its Reveal button. When the server says this session may not reveal it
 * (a read-only view), the button is disabled and the server's reason is shown beside it.
 */
function Reveal({
  secret,
  terms,
  what,
  onRevealed,
  children,
}: {
  secret: 'DOOR_PIN' | 'PAYMENT_METHOD';
  terms: RevealTerms;
  what: string;
  onRevealed: (answer: Revealed) => void;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const reasonId = useId();
  const reveal = useMutation(trpc.membership.reveal.mutationOptions({ onSuccess: onRevealed }));
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        {children}
        <Button
          variant="secondary"
          size="sm"
          pending={reveal.isPending}
          disabled={!terms.allowed}
          aria-describedby={terms.allowed ? undefined : reasonId}
          aria-label={`Reveal ${what}`}
          onClick={() => reveal.mutate({ secret })}
        >
          Reveal
        </Button>
      </div>
      {terms.allowed ? null : (
        <Alert tone="locked" id={reasonId}>
          {terms.reason}
        </Alert>
      )}
      {reveal.isError ? <Alert tone="error">{describeError(reveal.error)}</Alert> : null}
    </div>
  );
}
