/** The same caseNo was used before with a different input. Clients see CONFLICT. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** No case with that id (for this caller). Clients see NOT_FOUND. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
