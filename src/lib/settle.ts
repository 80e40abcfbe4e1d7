// Concurrent work that must all finish, even when one part fails: a download that is still writing
// when the step exits would leave its staging directory behind.

/** Every value, once all settled; the first rejection (in argument order) if any failed. */
export async function allSettledOrThrow<T extends readonly unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(work);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
