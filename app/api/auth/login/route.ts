import { route } from "@/lib/api/route";
import { logIn, readLoginRequest } from "@/lib/auth/login";

export const dynamic = "force-dynamic";

export const POST = route(async (req) => logIn(req, await readLoginRequest(req)));
