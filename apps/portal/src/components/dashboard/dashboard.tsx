import { ArrowRight, Building2, History, Mail, MapPin, Users } from 'lucide-react';
import Link from 'next/link';
import type { PortalSession } from '@/lib/session';
import { Badge } from '../ui/badge';
import { Card } from '../ui/card';
import { EmptyState } from '../ui/empty-state';
import { PageContainer, PageHeader } from '../ui/page-header';
import { DetailsForm } from './details-form';

export function Dashboard({ session }: { session: PortalSession }) {
  const profile = session.profile;
  if (!profile) {
    return (
      <PageContainer>
        <PageHeader title="No member profile" />
        <Card>
          <EmptyState icon={Building2} title="This account has no active member profile">
            Ask the front desk at your location to set up your membership.
          </EmptyState>
        </Card>
      </PageContainer>
    );
  }

  return (
    <PageContainer>
      <PageHeader
        eyebrow={profile.location.name}
        title={profile.fullName}
        description={
          profile.companyName
            ? `Your membership at ${profile.location.name}, with ${profile.companyName}.`
            : `Your membership at ${profile.location.name}.`
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card
            title="Current profile"
            description="The profile this session uses everywhere in the portal."
          >
            <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
              <Fact icon={MapPin} label="Location" value={profile.location.name} />
              <Fact
                icon={Building2}
                label="Company"
                value={profile.companyName ?? 'Individual member'}
              />
              <Fact icon={Mail} label="Email" value={profile.email ?? 'No email on file'} />
              <Fact
                icon={Users}
                label="Teams"
                value={
                  profile.teams.length > 0
                    ? profile.teams.map((team) => team.name).join(', ')
                    : 'No team at this location'
                }
              />
            </dl>
          </Card>
          <DetailsForm
            key={`${profile.id}:${profile.fullName}:${profile.companyName ?? ''}`}
            fullName={profile.fullName}
            companyName={profile.companyName}
          />
        </div>

        <div className="space-y-6">
          <Card
            title="Your teams"
            actions={
              <Link
                href="/team"
                className="text-sm font-medium text-indigo-600 hover:text-indigo-500"
              >
                View all
              </Link>
            }
          >
            {profile.teams.length === 0 ? (
              <p className="text-sm text-slate-500">
                You are not on a team at {profile.location.name}.
              </p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {profile.teams.map((team) => (
                  <li key={team.id} className="flex items-center justify-between gap-3 py-2.5">
                    <span className="font-medium text-slate-900">{team.name}</span>
                    {team.isAdministrator ? (
                      <span className="flex items-center gap-3">
                        <Badge tone="indigo">Administrator</Badge>
                        {team.canAdminister ? (
                          <Link
                            href={`/team/permissions/${team.id}`}
                            aria-label={`Manage ${team.name}`}
                            className="text-sm font-medium text-indigo-600 hover:text-indigo-500"
                          >
                            Manage
                          </Link>
                        ) : null}
                      </span>
                    ) : (
                      <Badge>Member</Badge>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <div className="flex items-start gap-3">
              <History aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-indigo-600" />
              <div>
                <h2 className="font-semibold text-slate-900">Account activity</h2>
                <p className="mt-1 text-sm text-slate-600">
                  See every time staff or a team administrator viewed your account, and why.
                </p>
                <Link
                  href="/account/activity"
                  className="mt-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-600 hover:text-indigo-500"
                >
                  Review activity <ArrowRight aria-hidden="true" className="size-4" />
                </Link>
              </div>
            </div>
          </Card>
        </div>
      </div>
    </PageContainer>
  );
}

function Fact({ icon: Icon, label, value }: { icon: typeof MapPin; label: string; value: string }) {
  return (
    // A group of a <dl> holds only its <dt> and <dd>: the icon sits in the term, drawn beside both.
    <div className="relative min-w-0 pl-7">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
        <Icon aria-hidden="true" className="absolute top-0.5 left-0 size-4 text-slate-400" />
        {label}
      </dt>
      <dd className="mt-0.5 break-words text-slate-900">{value}</dd>
    </div>
  );
}
