import { DealSkeleton } from "@/components/pipelines/skeletons";

export default function Loading() {
  return <DealSkeleton />;
}
