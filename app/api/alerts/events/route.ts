import { listEvents } from "@/lib/alerts/store";
import { parseQuery, route } from "@/lib/api/route";
import { eventsQuery } from "@/lib/contracts/alerts";

export const dynamic = "force-dynamic";

export const GET = route((req) => listEvents(parseQuery(req, eventsQuery).limit));
