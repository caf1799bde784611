"use server";

// Writes on an implementation's permission matrix: rows from the catalog or typed in, edits
// and removals, one cell's result, or a whole column after a check run.
import { defineFormAction } from "@/lib/actions/action";
import {
  addCatalogRows,
  addInterfaceRows,
  addPermissionRow,
  recordPermissionCheck,
  removePermissionRow,
  setPermissionColumn,
  updatePermissionRow,
} from "@/lib/dal/permissions";
import {
  addCatalogRowsSchema,
  addInterfaceRowsSchema,
  addPermissionRowSchema,
  recordPermissionCheckSchema,
  removePermissionRowSchema,
  setPermissionColumnSchema,
  updatePermissionRowSchema,
} from "@/lib/validation/registers";

// The matrix feeds the implementation page's alerts and the portfolio's drift count.
const affected = (data: { implementationId: string }) => [
  "/",
  `/implementations/${data.implementationId}`,
  `/implementations/${data.implementationId}/permissions`,
];

export const addCatalogRowsAction = defineFormAction({
  schema: addCatalogRowsSchema,
  run: (input, { viewer, requestId }) => addCatalogRows(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

// "Add the rows this interface needs" (from its message types or resources).
export const addInterfaceRowsAction = defineFormAction({
  schema: addInterfaceRowsSchema,
  run: (input, { viewer, requestId }) => addInterfaceRows(viewer, input, requestId),
  revalidate: (_input, data) => [...affected(data), `/implementations/${data.implementationId}/interfaces`],
});

export const addPermissionRowAction = defineFormAction({
  schema: addPermissionRowSchema,
  run: (input, { viewer, requestId }) => addPermissionRow(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const updatePermissionRowAction = defineFormAction({
  schema: updatePermissionRowSchema,
  run: (input, { viewer, requestId }) => updatePermissionRow(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const removePermissionRowAction = defineFormAction({
  schema: removePermissionRowSchema,
  run: (input, { viewer, requestId }) => removePermissionRow(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const recordPermissionCheckAction = defineFormAction({
  schema: recordPermissionCheckSchema,
  run: (input, { viewer, requestId }) => recordPermissionCheck(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const setPermissionColumnAction = defineFormAction({
  schema: setPermissionColumnSchema,
  run: (input, { viewer, requestId }) => setPermissionColumn(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});
