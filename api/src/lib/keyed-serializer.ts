/**
 * Runs tasks that share a key one after another, in the order they arrived; tasks with no key in
 * common run at once. Each task waits only for tasks registered before it, so chains cannot
 * deadlock, and a failed task releases its keys like a finished one.
 */
export class KeyedSerializer {
  readonly #tails = new Map<string, Promise<void>>()

  async run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const before: Promise<void>[] = []
    for (const key of keys) {
      const tail = this.#tails.get(key)
      if (tail) before.push(tail)
    }
    let release!: () => void
    const done = new Promise<void>((resolve) => {
      release = resolve
    })
    for (const key of keys) this.#tails.set(key, done)
    try {
      if (before.length > 0) await Promise.all(before)
      return await task()
    } finally {
      release()
      for (const key of keys) if (this.#tails.get(key) === done) this.#tails.delete(key)
    }
  }

  /** Keys with a task registered (running or waiting); for tests. */
  get size(): number {
    return this.#tails.size
  }
}
