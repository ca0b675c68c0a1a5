import { KantataError } from "./KantataError";

/** Kantata answered 401: the token is missing, wrong or revoked. */
export class KantataAuthenticationError extends KantataError {}
