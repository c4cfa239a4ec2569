export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-6 py-8 text-sm text-slate-500 sm:flex-row sm:items-center sm:justify-between">
        <p>Hotdesk member portal</p>
        <p>Need help? Ask the front desk at your location.</p>
      </div>
    </footer>
  );
}
