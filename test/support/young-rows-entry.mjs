// Child process of test/api/postgres-young-rows.test.ts, run with --trace-gc-nvp: sends QUERIES
// queries through postgres.js (as the API's hot path does: prepared, parameterised), each answering
// one ~8 KB row that the caller drops at once, a few at a time, then exits.
import postgres from 'postgres'

const sql = postgres(process.env.YOUNG_ROWS_URL, { max: 4, onnotice: () => {} })
const queries = Number(process.env.YOUNG_ROWS_QUERIES ?? 4000)
let answered = 0
for (let i = 0; i < queries; i += 8) {
  const batch = []
  for (let k = 0; k < 8; k++) {
    batch.push(sql.unsafe("select repeat('x', 8000) as a, $1::int as b", [i + k], { prepare: true }))
  }
  for (const rows of await Promise.all(batch)) answered += rows.length
}
await sql.end()
process.stdout.write(`\nANSWERED ${answered}\n`)
