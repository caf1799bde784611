import { ActionForm } from "@/components/people/action-form";
import type { CommentThread } from "@/lib/dal/comments";
import { formatUtc } from "@/lib/format/dates";
import { MAX_COMMENT_LENGTH } from "@/lib/validation/inbox";
import { addCommentAction } from "../actions";

// The conversation on one item: comments oldest first, each with who it notified, and a form
// whose @mentions notify people who may see the item (their names are listed as a hint).
export function Comments({ thread, itemId }: { thread: CommentThread; itemId: string }) {
  return (
    <section id="comments" aria-labelledby="comments-heading" className="mt-6 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="comments-heading" className="text-lg font-semibold">Comments</h2>
      {thread.comments.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No comments yet.</p>
      ) : (
        <ol className="mt-3 space-y-3" aria-label="Comments on this item">
          {thread.comments.map((c) => (
            <li key={c.id} id={`comment-${c.id}`} className="scroll-mt-4 rounded-md border border-slate-200 p-3">
              <p className="text-sm text-slate-600">
                <span className="font-medium text-slate-900">{c.authorName}</span> · {formatUtc(c.createdAt)}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm">{c.body}</p>
              {c.mentioned.length > 0 ? <p className="mt-1 text-xs text-slate-600">Notified: {c.mentioned.join(", ")}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {thread.canComment ? (
        <div className="mt-4 border-t border-slate-200 pt-4" key={thread.comments.length}>
          <ActionForm
            id="comment"
            label="Add a comment"
            action={addCommentAction}
            hidden={{ itemId }}
            fields={[
              {
                name: "body",
                label: "Comment",
                type: "textarea",
                hint: `Up to ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters. Mention someone with @ and their full name to notify them${
                  thread.mentionable.length > 0 ? `: ${thread.mentionable.slice(0, 30).map((n) => `@${n}`).join(", ")}` : ""
                }.`,
              },
            ]}
            submitLabel="Add comment"
            pendingLabel="Posting…"
            success="Comment added."
            refreshOnSuccess
          />
        </div>
      ) : null}
    </section>
  );
}
