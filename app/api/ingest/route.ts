import { route } from "@/lib/api/route";
import { eventStore, ingestToken } from "@/lib/events/context";
import { ingestActivities, readIngestRequest } from "@/lib/events/ingest";

/** The app reports activities here: `{"activities":[…]}` with `Authorization: Bearer <INGEST_TOKEN>`. */
export const POST = route(async (req) => {
  const body = await readIngestRequest(req, ingestToken());
  return ingestActivities(await eventStore(), body);
});
