import { machineLine, type Machine } from "./machine";
import type { BenchResult, Metric, Target } from "./types";

/** The stdout table: one row per metric, target and pass/fail, then the machine it ran on. */

const fmtTarget = (t?: Target) => (t ? `${t.op === "==" ? "=" : t.op === "<=" ? "≤" : "≥"} ${t.value}` : "");

export function fmtValue(m: Pick<Metric, "value" | "unit">): string {
  if (m.value === null) return "n/a";
  const v = Number.isInteger(m.value) ? String(m.value) : String(m.value);
  return m.unit === "×" ? `${v}×` : m.unit ? `${v} ${m.unit}` : v;
}

function verdict(m: Metric): string {
  if (m.pass === true) return "pass";
  if (m.pass === false) return "MISS";
  if (m.pass === null) return "unmeasured";
  return "";
}

export function renderTable(results: BenchResult[], machine: Machine): string {
  const rows: string[][] = [["benchmark", "metric", "value", "target", "result"]];
  for (const r of results) {
    if (r.status !== "ok") {
      rows.push([r.id, r.status === "error" ? `error: ${r.reason}` : `not available: ${r.reason}`, "", "", r.status === "error" ? "ERROR" : "n/a"]);
      continue;
    }
    for (const m of r.metrics) rows.push([r.id, m.name, fmtValue(m), fmtTarget(m.target), verdict(m)]);
  }
  const widths = rows[0].map((_, i) => Math.min(i === 1 ? 64 : 40, Math.max(...rows.map((r) => r[i].length))));
  const line = (r: string[]) => r.map((c, i) => (c.length > widths[i] && i === 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  const out = [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  ")];
  let last = "";
  for (const r of rows.slice(1)) {
    out.push(line([r[0] === last ? "" : r[0], ...r.slice(1)]));
    last = r[0];
  }
  const notes = results.filter((r) => r.notes.length).flatMap((r) => r.notes.map((n) => `  [${r.id}] ${n}`));
  const missed = results.flatMap((r) => r.metrics.filter((m) => m.pass === false && m.note).map((m) => `  [${r.id}] ${m.name}: ${m.note}`));
  return [
    "",
    ...out,
    "",
    `machine: ${machineLine(machine)}`,
    ...(notes.length ? ["", "notes:", ...notes] : []),
    ...(missed.length ? ["", "missed targets:", ...missed] : []),
    "",
  ].join("\n");
}

/** A Markdown table of the same figures, for the README's Performance section. */
export function renderMarkdown(results: BenchResult[]): string {
  const out = ["| benchmark | metric | value | target | result |", "| --- | --- | --- | --- | --- |"];
  for (const r of results) {
    if (r.status !== "ok") {
      out.push(`| ${r.id} | ${r.status === "error" ? "error" : "not available"}: ${r.reason?.replace(/\|/g, "\\|")} | | | |`);
      continue;
    }
    for (const m of r.metrics) out.push(`| ${r.id} | ${m.name.replace(/\|/g, "\\|")} | ${fmtValue(m)} | ${fmtTarget(m.target)} | ${verdict(m)} |`);
  }
  return out.join("\n");
}
