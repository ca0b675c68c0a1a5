import { KantataError } from "./KantataError";

/** Kantata answered 404: the record does not exist or is hidden by the endpoint's default filters. */
export class KantataNotFoundError extends KantataError {}
