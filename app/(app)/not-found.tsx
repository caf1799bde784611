import { NotFoundMessage } from "@/components/ui/not-found-message";

// The signed-in 404, inside the app's layout (whose <main> already holds it).
export default function SignedInNotFound() {
  return <NotFoundMessage />;
}
