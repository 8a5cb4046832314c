import { PageSkeleton } from "@/components/ui/skeleton";

export default function CompaniesLoading() {
  return <PageSkeleton />;
}
