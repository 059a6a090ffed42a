/** Batches running at once unless a batcher says otherwise (see GroupBatcherOptions.maxInFlight). */
export const DEFAULT_MAX_IN_FLIGHT = 2

export interface GroupBatcherOptions<I, O> {
  /** Runs a batch of two or more items in one statement; one result per item, in their order. */
  run: (items: readonly I[]) => Promise<O[]>
  /**
   * Runs one item alone: a statement written for one row, cheaper than the batch statement with a
   * batch of one (an idle API sends every item alone).
   */
  runOne: (item: I) => Promise<O>
  /** Items with the same key never share a batch: the later one goes with the next. */
  key?: (item: I) => string
  /**
   * Batches running at once (default 2). Fewer make bigger batches, sharing each statement's
   * start-up, commit and round trip, but leave PostgreSQL's work on fewer backends. Two reads plus
   * two writes keep about two backends per core busy on the bench's 2-core machine; with four each,
   * a decision cost 1.07–1.33 CPU-ms against 0.79–1.20 with two, lower in 5 of 6 adjacent pairs
   * (ADR 0005, "How many in flight").
   */
  maxInFlight?: number
  /** Items per batch at most (default 64). */
  maxBatch?: number
  /** Told about every batch once it is answered (the API's metrics: where requests wait). */
  observe?: (batch: BatchObservation) => void
}

/** One batch as `observe` sees it. */
export interface BatchObservation {
  items: number
  /** Summed over its items: the time each waited for a free slot (0 for an item sent at once). */
  waitedMs: number
  /** From sending the statement until its answer was handled (the items run alone after a failed batch included). */
  runMs: number
}

interface Waiting<I, O> {
  item: I
  submittedAt: number
  settle: (result: O) => void
  fail: (error: unknown) => void
}

/**
 * Group commit for the evaluate hot path's two statements. An item is sent at once, alone, when
 * fewer than `maxInFlight` batches are running; otherwise it waits for the next one to finish and
 * goes with every other item that arrived meanwhile, in one statement. Under load that turns N
 * statements (each with its executor start-up, lock and constraint set-up, and for a write its
 * commit) into one; an idle API sends each item immediately, as before. Each caller is answered
 * when its own batch is done. A batch that fails is run again item by item, so one bad item fails
 * alone; a lone item runs through `runOne`.
 */
export class GroupBatcher<I, O> {
  #waiting: Waiting<I, O>[] = []
  #inFlight = 0
  readonly #run: (items: readonly I[]) => Promise<O[]>
  readonly #runOne: (item: I) => Promise<O>
  readonly #key: ((item: I) => string) | undefined
  readonly #maxInFlight: number
  readonly #maxBatch: number
  readonly #observe: ((batch: BatchObservation) => void) | undefined

  constructor(options: GroupBatcherOptions<I, O>) {
    this.#run = options.run
    this.#runOne = options.runOne
    this.#key = options.key
    this.#maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT
    this.#maxBatch = options.maxBatch ?? 64
    this.#observe = options.observe
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((settle, fail) => {
      this.#waiting.push({ item, submittedAt: performance.now(), settle, fail })
      this.#pump()
    })
  }

  #pump(): void {
    while (this.#inFlight < this.#maxInFlight && this.#waiting.length > 0) {
      const batch = this.#take()
      this.#inFlight++
      void this.#sendObserved(batch).finally(() => {
        this.#inFlight--
        this.#pump()
      })
    }
  }

  #take(): Waiting<I, O>[] {
    if (!this.#key && this.#waiting.length <= this.#maxBatch) {
      const all = this.#waiting
      this.#waiting = []
      return all
    }
    const batch: Waiting<I, O>[] = []
    const later: Waiting<I, O>[] = []
    const keys = new Set<string>()
    for (const w of this.#waiting) {
      const key = this.#key?.(w.item)
      if (batch.length < this.#maxBatch && (key === undefined || !keys.has(key))) {
        if (key !== undefined) keys.add(key)
        batch.push(w)
      } else later.push(w)
    }
    this.#waiting = later
    return batch
  }

  async #sendObserved(batch: Waiting<I, O>[]): Promise<void> {
    const observe = this.#observe
    if (!observe) return this.#send(batch)
    const sentAt = performance.now()
    let waitedMs = 0
    for (const w of batch) waitedMs += sentAt - w.submittedAt
    await this.#send(batch)
    observe({ items: batch.length, waitedMs, runMs: performance.now() - sentAt })
  }

  async #send(batch: Waiting<I, O>[]): Promise<void> {
    if (batch.length === 1) return this.#alone(batch[0]!)
    try {
      const results = await this.#run(batch.map((w) => w.item))
      for (let i = 0; i < batch.length; i++) batch[i]!.settle(results[i] as O)
    } catch {
      // One after the other: the batch's slot is still held, so the in-flight limit holds too.
      for (const w of batch) await this.#alone(w)
    }
  }

  #alone(w: Waiting<I, O>): Promise<void> {
    return this.#runOne(w.item).then(w.settle, w.fail)
  }
}
