import type { PortalRouter } from '@hotdesk/api';
import type { inferRouterOutputs } from '@trpc/server';
import { InvoiceStatusBadge } from '@/components/invoices/invoice-status-badge';
import { formatCalendarDay, formatMoney } from '@/lib/format';

type Invoice = inferRouterOutputs<PortalRouter>['invoices']['get'];

/** The invoice as a document: who billed whom, when, for what, and the total. */
export function InvoiceDocument({ invoice }: { invoice: Invoice }) {
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const dates: Array<[string, string]> = [
    ['Issued', formatCalendarDay(invoice.issuedOn)],
    ['Due', formatCalendarDay(invoice.dueOn)],
    ...(invoice.paidOn ? [['Paid', formatCalendarDay(invoice.paidOn)] as [string, string]] : []),
  ];

  return (
    <article
      aria-labelledby="invoice-heading"
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-10 print:border-0 print:p-0 print:shadow-none"
    >
      <header className="flex flex-wrap items-start justify-between gap-6 border-b border-slate-200 pb-6">
        <div>
          <p className="text-sm font-medium text-slate-500">{invoice.location.name}</p>
          <h1
            id="invoice-heading"
            className="mt-1 text-2xl font-semibold tracking-tight text-slate-900"
          >
            Invoice {invoice.number}
          </h1>
          <div className="mt-2">
            <InvoiceStatusBadge status={invoice.status} />
          </div>
        </div>
        <dl className="grid grid-cols-[auto_auto] gap-x-6 gap-y-1 text-sm">
          {dates.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="text-right font-medium text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </header>

      <section aria-label="Billed to" className="py-6 text-sm">
        <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Billed to</h2>
        <p className="mt-1 font-medium text-slate-900">{invoice.member.fullName}</p>
        {invoice.member.companyName ? (
          <p className="text-slate-700">{invoice.member.companyName}</p>
        ) : null}
        {invoice.member.email ? <p className="text-slate-700">{invoice.member.email}</p> : null}
      </section>

      <table className="w-full text-sm">
        <caption className="sr-only">Lines of invoice {invoice.number}</caption>
        <thead className="border-y border-slate-200 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Description
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Qty
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Unit price
            </th>
            <th scope="col" className="py-2 pl-3 text-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invoice.lines.map((line) => (
            <tr key={line.position}>
              <td className="py-3 pr-3 text-slate-900">{line.description}</td>
              <td className="px-3 py-3 text-right text-slate-700 tabular-nums">{line.quantity}</td>
              <td className="px-3 py-3 text-right text-slate-700 tabular-nums">
                {money(line.unitPriceMinor)}
              </td>
              <td className="py-3 pl-3 text-right text-slate-900 tabular-nums">
                {money(line.amountMinor)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-slate-300">
          <tr>
            <th scope="row" colSpan={3} className="py-3 pr-3 text-right font-semibold">
              Total ({invoice.currency})
            </th>
            <td
              className="py-3 pl-3 text-right text-base font-semibold tabular-nums"
              data-testid="invoice-total"
            >
              {money(invoice.totalMinor)}
            </td>
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
