import { route } from "@/lib/api/route";
import { eventStore, ingestToken } from "@/lib/events/context";
import { ingestActivities, readIngestRequest } from "@/lib/events/ingest";
import { eventsChanged } from "@/lib/events/metrics-cache";

/** The app reports activities here: `{"activities":[…]}` with `Authorization: Bearer <INGEST_TOKEN>`. */
export const POST = route(async (req) => {
  const body = await readIngestRequest(req, ingestToken());
  const result = await ingestActivities(await eventStore(), body);
  if (result.accepted > 0) eventsChanged();
  return result;
});
