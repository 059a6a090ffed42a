export function Badge({ kind, children }: { kind: string; children?: string }) {
  return <span className={`badge badge-${kind}`}>{children ?? kind.replace('_', ' ')}</span>
}
