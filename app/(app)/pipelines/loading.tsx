import { PipelinesSkeleton } from "@/components/pipelines/skeletons";

export default function Loading() {
  return <PipelinesSkeleton />;
}
