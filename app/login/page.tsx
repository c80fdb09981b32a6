import { Button } from "@/components/ui/button";
import { MAIN_ID } from "@/components/ui/skip-link";
import { API_ROUTES } from "@/lib/contracts/routes";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in · fal analytics" };

const MESSAGES: Record<string, string> = {
  wrong: "That password is not right.",
  missing: "Enter the dashboard password.",
  throttled: "Too many attempts. Wait a few minutes and try again.",
};

/** A plain form: signing in works without JavaScript and without any inline script. */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? MESSAGES[params.error] : undefined;
  const next = typeof params.next === "string" ? params.next : "/";
  return (
    <main id={MAIN_ID} className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">fal analytics</h1>
        <p className="text-sm text-muted">Sign in to see spend and event metrics.</p>
      </div>
      <form
        method="post"
        action={API_ROUTES.login}
        className="flex flex-col gap-3 rounded-xl border border-border bg-card p-5"
      >
        <input type="hidden" name="next" value={next} />
        <label className="flex flex-col gap-1 text-sm font-medium">
          Password
          <input
            type="password"
            name="password"
            required
            autoFocus
            autoComplete="current-password"
            className="h-9 rounded-md border border-border bg-background px-3 text-sm"
          />
        </label>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary">
          Sign in
        </Button>
      </form>
    </main>
  );
}
