import { route } from "@/lib/api/route";
import { forecastReport } from "@/lib/watch/report";

export const dynamic = "force-dynamic";

export const GET = route(() => forecastReport());
