import { z } from "zod";

/**
 * zod 4 probes `new Function("")` once, to decide whether it may compile fast parsers. Under our
 * CSP (no 'unsafe-eval') the probe fails harmlessly but the browser reports a CSP violation on
 * every page that validates a form. In the browser, say up front that eval is off.
 * Imported for its effect by lib/validations/common.ts, which every browser-side schema goes
 * through, so zod stays out of the routes that validate nothing.
 */
if (typeof window !== "undefined") z.config({ jitless: true });
