/** The header's way to the Alerts page. */
export function AlertsLink() {
  return (
    <a
      href="/alerts"
      className="h-8 rounded-md px-2 text-sm leading-8 text-muted underline-offset-2 hover:text-foreground hover:underline"
    >
      Alerts
    </a>
  );
}
