import { subjectFrom } from '../looks/look-of-read';
import { t } from '../trpc/init';
import { sessionProcedure } from '../trpc/procedures';
import { getInvoiceInput, invoiceDetail, invoicePage, listInvoicesInput } from './invoice-contract';
import { getInvoice, listInvoices } from './invoice-service';

/** The current profile's invoices, for the member and for whoever views the portal as them. */
export const invoiceRouter = t.router({
  list: sessionProcedure
    .meta({ look: { summary: 'viewed your invoices' } })
    .input(listInvoicesInput)
    .output(invoicePage)
    .query(({ ctx, input }) => listInvoices(ctx, ctx.actor, input)),
  get: sessionProcedure
    .meta({ look: { summary: 'opened', subject: subjectFrom('number') } })
    .input(getInvoiceInput)
    .output(invoiceDetail)
    .query(({ ctx, input }) => getInvoice(ctx, ctx.actor, input.invoiceId)),
});
