export * from "./enums";
export * from "./organizations";
export * from "./templates";
export * from "./implementations";
export * from "./registers";
export * from "./audit";
export * from "./go-live";
export * from "./notifications";
