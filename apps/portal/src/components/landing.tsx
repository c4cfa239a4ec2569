import Link from 'next/link';

const features = [
  {
    title: 'Switch profiles',
    body: 'One sign-in for every location or company you belong to. Move between your profiles from the navigation bar.',
    icon: 'M7 7h10l-3-3m3 13H7l3 3',
  },
  {
    title: 'Manage your team',
    body: 'Team administrators choose what each member may do, and can help a teammate by viewing the portal as them.',
    icon: 'M17 20v-1.5a3.5 3.5 0 0 0-3.5-3.5h-3A3.5 3.5 0 0 0 7 18.5V20m5-9a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7m9 9v-1a3 3 0 0 0-2.2-2.9M3 20v-1a3 3 0 0 1 2.2-2.9m11.3-11.8a3 3 0 0 1 0 5.4m-9 0a3 3 0 0 1 0-5.4',
  },
  {
    title: 'See account activity',
    body: 'Whenever staff or a team administrator views your account, you see who it was, when, and why.',
    icon: 'M12 8v4l2.5 2.5M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0',
  },
] as const;

/** What signed-out visitors of `/` see. */
export function Landing() {
  return (
    <>
      <section
        aria-labelledby="welcome-heading"
        className="bg-gradient-to-b from-indigo-50 to-white"
      >
        <div className="mx-auto max-w-3xl px-6 py-20 text-center sm:py-28">
          <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase">
            Member portal
          </p>
          <h1
            id="welcome-heading"
            className="mt-3 text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl"
          >
            Welcome to Hotdesk
          </h1>
          <p className="mt-6 text-lg leading-8 text-slate-600">
            Your coworking membership in one place: your profiles at every location, your team, and
            a clear record of who has accessed your account.
          </p>
          <div className="mt-10 flex flex-col items-center gap-4">
            <Link
              href="/sign-in"
              className="rounded-md bg-indigo-600 px-6 py-3 text-base font-semibold text-white shadow-sm hover:bg-indigo-700"
            >
              Sign in
            </Link>
            <p className="text-sm text-slate-600">
              New member? The front desk at your location sets up your account.
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="features-heading" className="mx-auto max-w-6xl px-6 py-16">
        <h2 id="features-heading" className="text-2xl font-semibold tracking-tight">
          Everything about your membership
        </h2>
        <ul className="mt-8 grid gap-6 sm:grid-cols-3">
          {features.map((feature) => (
            <li
              key={feature.title}
              className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
            >
              <svg
                viewBox="0 0 24 24"
                aria-hidden="true"
                className="size-10 rounded-lg bg-indigo-50 p-2 text-indigo-600"
                fill="none"
                stroke="currentColor"
                strokeWidth={1.75}
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d={feature.icon} />
              </svg>
              <h3 className="mt-4 font-semibold text-slate-900">{feature.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
