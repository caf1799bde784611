import { notFound } from "next/navigation";
import { isDomainError } from "@/lib/dal/errors";

// Pages render Next's 404 for the DAL's "not found" — which is also the answer for another
// organization's record, so a URL with someone else's id reveals nothing.
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isDomainError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
