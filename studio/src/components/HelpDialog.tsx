import { shortcut } from '../lib/format.js'
import { Dialog } from './Dialog.js'

const rows: [string, string][] = [
  [shortcut('S'), 'Save the editor as a new version (asks for a comment)'],
  [shortcut('Enter'), 'Run the simulator on the current document and the live version'],
  ['/', 'Focus the search field of the page (clients, decisions, stored orders)'],
  ['?', 'Show this help'],
  ['Esc', 'Close a dialog'],
  ['F8 / Shift+F8', 'Editor: next / previous problem'],
  ['Ctrl+Space', 'Editor: suggestions (facts, paths, operators, event types)'],
]

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="table shortcuts">
        <tbody>
          {rows.map(([k, what]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}
