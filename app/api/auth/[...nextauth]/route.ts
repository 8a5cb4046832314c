import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { callbackProblem, callbackProblemResponse } from "@/lib/auth/callback-guard";
import { withCallbackParams } from "@/lib/auth/callback-params";
import { getEnv } from "@/lib/env";

export const runtime = "nodejs";

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = (req: NextRequest, ctx: Context) => NextAuth(authOptions)(req, ctx);

export async function GET(req: NextRequest, ctx: Context) {
  const { nextauth } = await ctx.params;
  if (nextauth?.[0] === "callback" && nextauth[1] === "bigin") {
    const problem = callbackProblem(req.nextUrl.searchParams);
    if (problem) return callbackProblemResponse(problem, getEnv().nextauthUrl ?? req.nextUrl.origin);
    // next-auth passes only standard OAuth keys to the provider; keep Zoho's DC keys in scope.
    return withCallbackParams(req.nextUrl.searchParams, () => nextAuth(req, ctx));
  }
  return nextAuth(req, ctx);
}

export async function POST(req: NextRequest, ctx: Context) {
  return nextAuth(req, ctx);
}
