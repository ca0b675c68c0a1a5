import { KantataError } from "./KantataError";

/** Kantata answered 403: the token's user may not do this (many membership endpoints need an Account Administrator). */
export class KantataPermissionError extends KantataError {}
