/** The Kantata client's error classes and the function that picks one for a response. */
export { KantataError, isKantataError, type KantataErrorOptions, type KantataMessage } from "./KantataError";
export { KantataAuthenticationError } from "./KantataAuthenticationError";
export { KantataPermissionError } from "./KantataPermissionError";
export { KantataNotFoundError } from "./KantataNotFoundError";
export { KantataValidationError } from "./KantataValidationError";
export { KantataRateLimitError } from "./KantataRateLimitError";
export { KantataServerError } from "./KantataServerError";
export { KantataNetworkError, type KantataNetworkErrorOptions } from "./KantataNetworkError";
export { KantataResponseShapeError, type KantataResponseShapeErrorOptions } from "./KantataResponseShapeError";
export { fromResponse, type FromResponseOptions } from "./fromResponse";
export { fixFor } from "./fixFor";
