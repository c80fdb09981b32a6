import { API_ROUTES } from "@/lib/contracts/routes";
import { cn, focusRing } from "@/components/ui/class-names";

/**
 * A plain form, so signing out works without JavaScript; the logout route ends the session in the store
 * and sends the browser to /login. Rendered only when the dashboard has a password.
 */
export function SignOut() {
  return (
    <form method="post" action={API_ROUTES.logout}>
      <button
        type="submit"
        className={cn(
          "h-8 rounded-md px-2 text-sm text-muted underline-offset-2 hover:text-foreground hover:underline",
          focusRing,
        )}
      >
        Sign out
      </button>
    </form>
  );
}
