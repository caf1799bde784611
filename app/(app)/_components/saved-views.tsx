"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FieldError, FormMessage, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { MAX_VIEW_NAME } from "@/lib/domain/saved-view-name";
import type { SavedViewList } from "@/lib/domain/vocabulary";
import { deleteViewAction, saveViewAction } from "../actions";

type View = { id: string; name: string; href: string };

// The person's own named views of a list: open one with a link, delete it, or save the list's
// current filters and sort under a new name. Forms post to server actions, so they work before
// (and without) JavaScript too.
export function SavedViews({ list, query, views, current }: { list: SavedViewList; query: string; views: View[]; current: string }) {
  return (
    <section aria-labelledby={`saved-views-${list}`} className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <h2 id={`saved-views-${list}`} className="font-semibold">
        Your saved views
      </h2>
      {views.length === 0 ? (
        <p className="mt-1 text-slate-600">None yet. Filter and sort the list, then save it here under a name.</p>
      ) : (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Your saved views">
          {views.map((view) => (
            <li key={view.id} className="flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-0.5 pr-1 pl-3">
              <Link href={view.href} className="max-w-[16rem] truncate font-medium text-sky-800 hover:underline" aria-current={view.href === current ? "page" : undefined}>
                {view.name}
              </Link>
              <DeleteViewForm id={view.id} name={view.name} />
            </li>
          ))}
        </ul>
      )}
      <SaveViewForm list={list} query={query} />
    </section>
  );
}

function SaveViewForm({ list, query }: { list: SavedViewList; query: string }) {
  const [state, formAction, pending] = useActionState(saveViewAction, null);
  const form = useResetOnSuccess(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formId = `save-view-${list}`;
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Save this view" className="mt-3 space-y-2">
      <input type="hidden" name="list" value={list} />
      <input type="hidden" name="query" value={query} />
      <FormMessage state={state} success={state?.ok ? `Saved “${state.data.name}”.` : "Saved."} />
      <div className="flex flex-wrap items-end gap-2">
        <Field form={formId} name="name" errors={errors} label="Save the current filters and sort as" labelClassName="font-medium text-slate-700" className="min-w-0 flex-1 basis-48">
          {({ className: _shared, ...control }) => (
            <input {...control} type="text" maxLength={MAX_VIEW_NAME} placeholder="e.g. My go-lives this month" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 aria-[invalid=true]:border-rose-600" />
          )}
        </Field>
        <Button type="submit" size="sm" pending={pending}>
          {pending ? "Saving…" : "Save view"}
        </Button>
      </div>
      <FieldError formId={formId} name="query" errors={errors?.query} />
    </form>
  );
}

function DeleteViewForm({ id, name }: { id: string; name: string }) {
  const [state, formAction, pending] = useActionState(deleteViewAction, null);
  return (
    <form action={formAction} aria-label={`Delete saved view: ${name}`} className="inline-flex items-center">
      <input type="hidden" name="viewId" value={id} />
      <button type="submit" disabled={pending} className="rounded-full px-2 py-0.5 text-slate-600 hover:bg-slate-200 hover:text-slate-900 disabled:opacity-60">
        <span aria-hidden="true">✕</span>
        <span className="sr-only">Delete saved view {name}</span>
      </button>
      {state && !state.ok ? (
        <span role="alert" className="ml-1 text-rose-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
