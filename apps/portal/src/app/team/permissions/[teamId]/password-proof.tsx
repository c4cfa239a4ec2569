'use client';

import { useMutation } from '@tanstack/react-query';
import { LockKeyhole } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { describeError, isPortalClientError } from '@/lib/errors';
import { useTRPC } from '@/trpc/react';

const fieldClasses =
  'mt-1.5 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 aria-invalid:ring-red-500';

/**
 * The administrator proves, again, that they are at the keyboard: the server asks for it before
 * full access when the last password was entered too long ago. Two-factor accounts add a code.
 */
export function usePasswordProof() {
  const trpc = useTRPC();
  const passwordInput = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState({ password: '', code: '' });
  const [needsCode, setNeedsCode] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const reauthenticate = useMutation(trpc.session.reauthenticate.mutationOptions());

  const retry = (message: string) => {
    setProblem(message);
    setValues((current) => ({ ...current, password: '' }));
    passwordInput.current?.focus();
    return false;
  };

  return {
    values,
    setValues,
    needsCode,
    problem,
    passwordInput,
    pending: reauthenticate.isPending,
    /** True once the server holds a fresh proof. */
    async confirm(): Promise<boolean> {
      if (!values.password) return retry('Enter your password.');
      setProblem(null);
      try {
        await reauthenticate.mutateAsync({
          password: values.password,
          totp: values.code.trim() || undefined,
        });
        return true;
      } catch (error) {
        const data = isPortalClientError(error) ? error.data : null;
        if (data?.reason === 'two_factor_auth_check' || data?.field === 'totp') setNeedsCode(true);
        return retry(describeError(error));
      }
    },
  };
}

export function PasswordProof({
  proof,
  focusOnShow,
}: {
  proof: ReturnType<typeof usePasswordProof>;
  /** When the server asked for it in answer to "Start viewing", typing goes straight in. */
  focusOnShow: boolean;
}) {
  const ids = { password: useId(), code: useId(), problem: useId() };
  return (
    <fieldset className="rounded-lg border border-amber-200 bg-amber-50 p-4">
      <legend className="flex items-center gap-2 px-1 text-sm font-medium text-slate-900">
        <LockKeyhole aria-hidden="true" className="size-4 text-amber-700" />
        Confirm it is you
      </legend>
      <p className="text-xs text-slate-600">
        Full access needs your password again when you have not entered it in the last few minutes.
      </p>
      <label htmlFor={ids.password} className="mt-3 block text-sm font-medium text-slate-700">
        Your password
      </label>
      <input
        ref={proof.passwordInput}
        id={ids.password}
        type="password"
        autoComplete="current-password"
        autoFocus={focusOnShow}
        value={proof.values.password}
        onChange={(event) => proof.setValues({ ...proof.values, password: event.target.value })}
        aria-invalid={proof.problem ? true : undefined}
        aria-describedby={proof.problem ? ids.problem : undefined}
        className={fieldClasses}
      />
      {proof.needsCode ? (
        <>
          <label htmlFor={ids.code} className="mt-3 block text-sm font-medium text-slate-700">
            Your authentication code
          </label>
          <input
            id={ids.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={proof.values.code}
            onChange={(event) =>
              proof.setValues({ ...proof.values, code: event.target.value.replace(/\D/g, '') })
            }
            className={`${fieldClasses} font-mono tracking-[0.3em]`}
          />
        </>
      ) : null}
      {proof.problem ? (
        <p id={ids.problem} className="mt-1.5 text-sm text-red-600">
          {proof.problem}
        </p>
      ) : null}
    </fieldset>
  );
}
