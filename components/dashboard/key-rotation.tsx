import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { KEYS_URL } from "@/lib/contracts/diagnosis";

/** The safe order of a key rotation: the new key works before the old one goes. */
export function KeyRotation() {
  return (
    <Card aria-labelledby="rotation">
      <CardHeader
        title="Rotating the key"
        titleId="rotation"
        description="Never delete the old key first: the dashboard would go dark in between."
      />
      <CardBody>
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          <li>
            Create a new key at{" "}
            <a className="underline underline-offset-2" href={KEYS_URL} target="_blank" rel="noreferrer">
              fal.ai/dashboard/keys
            </a>{" "}
            on the Read-only preset (spend, balance, analytics) or the Billing preset (the key inventory too).
            A legacy ADMIN key keeps working.
          </li>
          <li>
            Put it in place: write it to the FAL_ADMIN_KEY_FILE file (picked up on the next request, no
            restart) or set FAL_ADMIN_KEY and restart.
          </li>
          <li>Press “Verify now” above and check the Access line.</li>
          <li>Only then delete the old key in fal&apos;s dashboard.</li>
        </ol>
      </CardBody>
    </Card>
  );
}
