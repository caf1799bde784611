// A saved view's name, at most this long: the form's maxLength and the zod schema share it. A
// module of its own, so the form on the portfolio pulls neither zod nor the vocabulary's tables
// into the browser bundle (the portfolio's first-load JS budget, BENCHMARKS.md).
export const MAX_VIEW_NAME = 80;
