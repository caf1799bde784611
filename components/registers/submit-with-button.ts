import { startTransition } from "react";

// Like submitKeepingInput (components/ui/form.tsx), for forms whose buttons carry the value
// (one click per result): the pressed button's name and value go with the form data.
export function submitWithButton(formAction: (data: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
}
