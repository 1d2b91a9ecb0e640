/**
 * The one keyboard dispatcher: a single window `keydown` listener that turns the event into a key
 * string and runs the command the registry (stores/command-registry) gives it. Views, overlays and
 * widgets register their commands while mounted (`useCommands`); none listens to the window itself.
 */
import { fieldKind, findCommand, keyString, type FieldLike } from '@/core/labeling/hotkeys';
import { activeCommands } from '@/stores/command-registry';

/** The key strings an event stands for: its own, and Alt+digit by physical key (Alt+1 is "¡" on a Mac). */
export function keyStrings(e: KeyboardEvent): string[] {
  const own = keyString(e);
  const digit = e.altKey && /^Digit(\d)$/.exec(e.code ?? '');
  const byCode = digit ? `Alt+${digit[1]}` : undefined;
  return byCode && byCode !== own ? [own, byCode] : [own];
}

const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export function handleKeyDown(e: KeyboardEvent): void {
  if (e.isComposing || MODIFIERS.has(e.key) || e.defaultPrevented) return;
  const field = fieldKind(e.target as FieldLike | null);
  const commands = activeCommands();
  for (const key of keyStrings(e)) {
    const c = findCommand(commands, key, field);
    if (!c) continue;
    e.preventDefault();
    c.perform(key);
    return;
  }
}

/** Installs the dispatcher once for the window (capture phase: a shortcut acts before the focused element's default). */
export function installKeyboard(target: Window = window): () => void {
  target.addEventListener('keydown', handleKeyDown, true);
  return () => target.removeEventListener('keydown', handleKeyDown, true);
}
