'use client';

import { signInPathReturningTo } from '@hotdesk/api/safe-redirect';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, ArrowLeft, KeyRound, Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError, Input, Label } from '@/components/ui/field';
import { apiErrorData, describeWait, errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

type Step = 'credentials' | 'code';

interface Problem {
  title: string;
  body?: ReactNode;
}

export function SignInForm({ next, portalUrl }: { next: string; portalUrl: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const ids = { email: useId(), password: useId(), code: useId(), problem: useId() };
  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [fieldErrors, setFieldErrors] = useState<
    Partial<Record<'email' | 'password' | 'code', string>>
  >({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // Someone already signed in goes straight on.
  const me = useQuery({ ...trpc.me.queryOptions(), staleTime: 0 });
  useEffect(() => {
    if (me.data) router.replace(next);
  }, [me.data, next, router]);

  useEffect(() => {
    if (step === 'code') codeRef.current?.focus();
  }, [step]);

  const signIn = useMutation(
    trpc.session.signIn.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.me.queryKey() });
        router.replace(next);
      },
      onError: (error) => {
        const data = apiErrorData(error);
        switch (data.reason) {
          case 'two_factor_auth_check':
            if (step === 'credentials') {
              setProblem(null);
              setStep('code');
            } else {
              setCode('');
              setFieldErrors({ code: 'That code is not valid. Enter the current 6-digit code.' });
              codeRef.current?.focus();
            }
            return;
          case 'invalid_grant':
            setPassword('');
            setProblem({
              title: 'The email or password is incorrect, or the account is suspended.',
              body: 'Check both and try again. A suspended account must be reactivated by an owner.',
            });
            setStep('credentials');
            return;
          case 'must_reset_password':
            setProblem({
              title: 'This account must reset its password before it can sign in.',
              body: 'Ask an owner of your location to send you a password reset, then sign in with the new password.',
            });
            setStep('credentials');
            return;
          case 'not_an_operator':
            setProblem({
              title: 'This is a member account: Hotdesk Admin is for location staff only.',
              body: (
                <>
                  Members sign in to the{' '}
                  <a href={portalUrl} className="font-medium underline underline-offset-2">
                    member portal
                  </a>
                  .
                </>
              ),
            });
            setStep('credentials');
            return;
          case 'too_many_requests':
            setProblem({
              title: 'Too many failed sign-in attempts.',
              body: `Sign-in to this account is paused here to protect it. Try again in ${describeWait(
                data.retryAfterSeconds ?? 900,
              )}.`,
            });
            return;
        }
        if (data.field === 'email' || data.field === 'password') {
          setFieldErrors({ [data.field]: errorMessage(error) });
          return;
        }
        setProblem({ title: 'Sign-in failed.', body: errorMessage(error) });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: typeof fieldErrors = {};
    if (step === 'credentials') {
      if (!email.trim()) errors.email = 'Enter your email address.';
      else if (!/^\S+@\S+\.\S+$/.test(email.trim()))
        errors.email = 'Enter a valid email address, like name@example.com.';
      if (!password) errors.password = 'Enter your password.';
    } else if (!/^\d{6}$/.test(code.trim())) {
      errors.code = 'Enter the 6-digit code from your authenticator app.';
    }
    setFieldErrors(errors);
    setProblem(null);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    if (errors.code) return codeRef.current?.focus();
    signIn.mutate({
      email: email.trim(),
      password,
      totp: step === 'code' ? code.trim() : undefined,
    });
  }

  const describedBy = (field: keyof typeof fieldErrors) =>
    fieldErrors[field] ? `${ids[field]}-error` : undefined;

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {step === 'credentials' ? 'Sign in' : 'Two-step verification'}
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        {step === 'credentials' ? (
          'Use your Hotdesk staff account.'
        ) : (
          <>
            Enter the 6-digit code from the authenticator app for{' '}
            <span className="font-medium text-slate-900">{email}</span>.
          </>
        )}
      </p>

      {problem ? (
        <div
          id={ids.problem}
          role="alert"
          data-testid="sign-in-problem"
          className="mt-6 flex gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800"
        >
          <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <div>
            <p className="font-medium">{problem.title}</p>
            {problem.body ? <p className="mt-1 text-red-700">{problem.body}</p> : null}
          </div>
        </div>
      ) : null}

      {/* Declared POST to this page: should the script not run, the browser still never puts
          the password in an address (a GET would), and lands back here. */}
      <form
        method="post"
        action={signInPathReturningTo(next)}
        noValidate
        onSubmit={submit}
        className="mt-6 space-y-5"
      >
        {step === 'credentials' ? (
          <>
            <div>
              <Label htmlFor={ids.email}>Email</Label>
              <Input
                ref={emailRef}
                id={ids.email}
                name="email"
                type="email"
                autoComplete="username"
                autoFocus
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                aria-invalid={fieldErrors.email ? true : undefined}
                aria-describedby={describedBy('email')}
                className="mt-1.5"
              />
              {fieldErrors.email ? (
                <FieldError id={`${ids.email}-error`}>{fieldErrors.email}</FieldError>
              ) : null}
            </div>
            <div>
              <Label htmlFor={ids.password}>Password</Label>
              <Input
                ref={passwordRef}
                id={ids.password}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                aria-invalid={fieldErrors.password ? true : undefined}
                aria-describedby={describedBy('password')}
                className="mt-1.5"
              />
              {fieldErrors.password ? (
                <FieldError id={`${ids.password}-error`}>{fieldErrors.password}</FieldError>
              ) : null}
            </div>
          </>
        ) : (
          <div>
            <Label htmlFor={ids.code}>Authentication code</Label>
            <div className="relative mt-1.5">
              <KeyRound
                aria-hidden="true"
                className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
              />
              <Input
                ref={codeRef}
                id={ids.code}
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                value={code}
                onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
                aria-invalid={fieldErrors.code ? true : undefined}
                aria-describedby={describedBy('code')}
                className="pl-9 font-mono tracking-[0.3em]"
              />
            </div>
            {fieldErrors.code ? (
              <FieldError id={`${ids.code}-error`}>{fieldErrors.code}</FieldError>
            ) : null}
          </div>
        )}
        <Button
          type="submit"
          variant="primary"
          size="lg"
          className="w-full justify-center"
          disabled={signIn.isPending}
          aria-busy={signIn.isPending}
        >
          {signIn.isPending ? <Loader2 aria-hidden="true" className="animate-spin" /> : null}
          Sign in
        </Button>
        {step === 'code' ? (
          <Button
            variant="ghost"
            className="w-full justify-center"
            onClick={() => {
              setStep('credentials');
              setCode('');
              setPassword('');
              setFieldErrors({});
              setProblem(null);
            }}
          >
            <ArrowLeft aria-hidden="true" />
            Use a different account
          </Button>
        ) : null}
      </form>
    </div>
  );
}
