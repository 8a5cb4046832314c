import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DIST_DIR, ROOT } from "./config";

/** Which routes the bench build has, from its app-paths manifest (route groups removed). */
export function builtRoutes(): Set<string> {
  const file = path.join(ROOT, DIST_DIR, "server", "app-paths-manifest.json");
  if (!existsSync(file)) return new Set();
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return new Set(
    Object.keys(manifest).map((k) => {
      const route = k
        .split("/")
        .filter((seg) => seg && !(seg.startsWith("(") && seg.endsWith(")")) && !seg.startsWith("@"))
        .join("/")
        .replace(/\/(page|route)$/, "")
        .replace(/^(page|route)$/, "");
      return `/${route}`;
    }),
  );
}

export function requireRoutes(routes: string[]): string | null {
  const have = builtRoutes();
  const missing = routes.filter((r) => !have.has(r));
  return missing.length ? `${missing.join(", ")} not in the build yet` : null;
}
