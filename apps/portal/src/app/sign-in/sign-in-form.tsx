'use client';

import { signInPathReturningTo } from '@hotdesk/api/safe-redirect';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describeError, isPortalClientError } from '@/lib/errors';
import { loadPage } from '@/lib/navigation';
import { useTRPC } from '@/trpc/react';

const inputClasses =
  'mt-1.5 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 aria-invalid:ring-red-500';

function minutes(seconds: number) {
  const value = Math.max(1, Math.ceil(seconds / 60));
  return value === 1 ? 'a minute' : `${value} minutes`;
}

/** Why sign-in failed, in words; the contract's machine reasons decide which. */
function failureMessage(error: unknown, step: 'credentials' | 'code'): string {
  if (!isPortalClientError(error)) return describeError(error);
  const data = error.data;
  if (data?.code === 'TOO_MANY_REQUESTS') {
    return data.retryAfterSeconds
      ? `Too many failed attempts. Try again in ${minutes(data.retryAfterSeconds)}.`
      : 'Too many failed attempts. Try again later.';
  }
  switch (data?.reason) {
    case 'invalid_grant':
      return 'The email or password is incorrect, or the account is suspended.';
    case 'must_reset_password':
      return 'You need to reset your password before you can sign in. The front desk at your location can send you a reset link.';
    case 'two_factor_auth_check':
      return step === 'code'
        ? 'That code did not work. Enter the current code from your authenticator app.'
        : 'Enter the code from your authenticator app.';
    default:
      return describeError(error);
  }
}

export function SignInForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const [step, setStep] = useState<'credentials' | 'code'>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{
    field: 'email' | 'password' | 'code';
    message: string;
  } | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const ids = { email: useId(), password: useId(), code: useId(), error: useId() };

  const signIn = useMutation(
    trpc.session.signIn.mutationOptions({
      onSuccess: () => loadPage(next, { replace: true }),
      onError: (error) => {
        if (
          isPortalClientError(error) &&
          error.data?.reason === 'two_factor_auth_check' &&
          step === 'credentials'
        ) {
          setProblem(null);
          setStep('code');
          return;
        }
        setProblem(failureMessage(error, step));
      },
    }),
  );

  useEffect(() => {
    if (step === 'code') codeInput.current?.focus();
  }, [step]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      return setFieldError({ field: 'email', message: 'Enter a valid email address.' });
    }
    if (!password) return setFieldError({ field: 'password', message: 'Enter your password.' });
    if (step === 'code' && !/^\d{6}$/.test(code.trim())) {
      return setFieldError({ field: 'code', message: 'Enter the 6-digit code.' });
    }
    setFieldError(null);
    signIn.mutate({
      email: email.trim(),
      password,
      ...(step === 'code' ? { totp: code.trim() } : {}),
    });
  };

  const errorFor = (field: 'email' | 'password' | 'code') =>
    fieldError?.field === field ? (
      <p id={`${ids[field]}-error`} className="mt-1.5 text-sm text-red-600">
        {fieldError.message}
      </p>
    ) : null;
  const invalid = (field: 'email' | 'password' | 'code') =>
    fieldError?.field === field
      ? { 'aria-invalid': true as const, 'aria-describedby': `${ids[field]}-error` }
      : {};

  return (
    // Declared POST to this page: should the script not run, the browser still never puts the
    // password in an address (a GET would), and lands back here.
    <form
      method="post"
      action={signInPathReturningTo(next)}
      onSubmit={submit}
      noValidate
      className="mt-6 space-y-5"
    >
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {step === 'credentials' ? (
        <>
          <div>
            <label htmlFor={ids.email} className="text-sm font-medium text-slate-700">
              Email
            </label>
            <input
              id={ids.email}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              className={inputClasses}
              {...invalid('email')}
            />
            {errorFor('email')}
          </div>
          <div>
            <label htmlFor={ids.password} className="text-sm font-medium text-slate-700">
              Password
            </label>
            <input
              id={ids.password}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              className={inputClasses}
              {...invalid('password')}
            />
            {errorFor('password')}
          </div>
        </>
      ) : (
        <div>
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
            Two-step verification is on for <span className="font-medium">{email.trim()}</span>.
            Enter the 6-digit code from your authenticator app.
          </p>
          <label htmlFor={ids.code} className="mt-4 block text-sm font-medium text-slate-700">
            Authentication code
          </label>
          <input
            ref={codeInput}
            id={ids.code}
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            pattern="\d{6}"
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
            className={`${inputClasses} font-mono tracking-[0.3em]`}
            {...invalid('code')}
          />
          {errorFor('code')}
        </div>
      )}
      <Button type="submit" pending={signIn.isPending} className="w-full">
        Sign in
      </Button>
      {step === 'code' ? (
        <button
          type="button"
          onClick={() => {
            setStep('credentials');
            setCode('');
            setProblem(null);
            setFieldError(null);
          }}
          className="block w-full text-center text-sm font-medium text-indigo-600 hover:text-indigo-500"
        >
          Use a different account
        </button>
      ) : null}
    </form>
  );
}
