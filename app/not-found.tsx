import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        That page or record doesn&apos;t exist, or you don&apos;t have access to it.
      </p>
      <Link href="/pipelines" className="mt-4 inline-block text-brand-600 underline">
        Back to Pipelines
      </Link>
    </main>
  );
}
