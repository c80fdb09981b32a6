"use client";
import { RenderError } from "@/components/ui/render-error";

/** Any page (or server component in it) that throws renders this inside the root layout. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <title>Error · fal analytics</title>
      <RenderError error={error} retry={retry} />
    </>
  );
}
