import { NotFoundMessage } from "@/components/ui/not-found-message";

export default function ImplementationNotFound() {
  return <NotFoundMessage title="Implementation not found" />;
}
