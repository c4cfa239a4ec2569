'use client';

import { useMutation } from '@tanstack/react-query';
import { LockKeyhole } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { FieldError, Input, Label } from '@/components/ui/field';
import { apiErrorData, errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

/** A fresh password (and, for two-factor accounts, code) proof, asked for before full access. */
export function usePasswordProof() {
  const trpc = useTRPC();
  const passwordRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reauthenticate = useMutation(trpc.session.reauthenticate.mutationOptions());

  /** Sends the proof; true once the server has it, false (with the field to fix focused) if not. */
  async function confirm(): Promise<boolean> {
    if (!password) {
      setError('Enter your password.');
      passwordRef.current?.focus();
      return false;
    }
    setError(null);
    try {
      await reauthenticate.mutateAsync({ password, totp: code.trim() || undefined });
      return true;
    } catch (failure) {
      const data = apiErrorData(failure);
      if (data.field === 'totp' || data.reason === 'two_factor_auth_check') setAskCode(true);
      setError(errorMessage(failure));
      setPassword('');
      passwordRef.current?.focus();
      return false;
    }
  }

  return {
    password,
    setPassword,
    code,
    setCode,
    askCode,
    error,
    passwordRef,
    confirm,
    pending: reauthenticate.isPending,
  };
}

export function PasswordProof({
  proof,
  focusOnShow,
}: {
  proof: ReturnType<typeof usePasswordProof>;
  /** When the server asked for it in answer to "Open portal", typing goes straight into it. */
  focusOnShow: boolean;
}) {
  const ids = { password: useId(), code: useId() };
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50/70 p-4">
      <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
        <LockKeyhole aria-hidden="true" className="size-4 text-amber-700" />
        Confirm it is you
      </p>
      <p className="mt-1 text-xs text-slate-600">
        Full access needs your password again when you have not entered it in the last few minutes.
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor={ids.password}>Your password</Label>
          <Input
            ref={proof.passwordRef}
            id={ids.password}
            autoFocus={focusOnShow}
            type="password"
            autoComplete="current-password"
            className="mt-1.5"
            value={proof.password}
            onChange={(event) => proof.setPassword(event.target.value)}
            aria-invalid={proof.error ? true : undefined}
            aria-describedby={proof.error ? `${ids.password}-error` : undefined}
          />
        </div>
        {proof.askCode ? (
          <div>
            <Label htmlFor={ids.code}>Your authentication code</Label>
            <Input
              id={ids.code}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className="mt-1.5 font-mono tracking-widest"
              value={proof.code}
              onChange={(event) => proof.setCode(event.target.value.replace(/\D/g, ''))}
            />
          </div>
        ) : null}
      </div>
      {proof.error ? <FieldError id={`${ids.password}-error`}>{proof.error}</FieldError> : null}
    </div>
  );
}
