import { z } from "zod";

/**
 * zod 4 probes `new Function("")` once, to decide whether it may compile fast parsers. Under our
 * CSP (no 'unsafe-eval') the probe fails harmlessly but the browser reports a CSP violation on
 * every page that validates a form. In the browser, say up front that eval is off.
 * Imported for its effect by app/providers.tsx, before any schema parses.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
