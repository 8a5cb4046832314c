import Link from "next/link";
import { formatDate, formatMoney } from "@/lib/format";
import type { Deal } from "@/lib/types";

/** A compact list of deals (a contact's or a company's), each a link to the deal page. */
export function RelatedDealsList({ deals }: { deals: Deal[] }) {
  if (deals.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No deals yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {deals.map((d) => (
        <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 py-2">
          <div className="min-w-0">
            <Link href={`/pipelines/deals/${d.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
              {d.name || "(untitled deal)"}
            </Link>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {[d.pipeline?.name, d.subPipeline && d.subPipeline !== d.pipeline?.name ? d.subPipeline : null, d.stage]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </div>
          <div className="text-right text-sm tabular-nums">
            <span>{formatMoney(d.amount)}</span>
            {d.closingDate && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">closes {formatDate(d.closingDate)}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}
