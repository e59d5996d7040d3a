// The chat prompt: a list of messages, each with a role and its text, that can be added and removed.
import type { ChatMessage } from '@app/runs';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';

export interface ChatMessagesEditorProps {
  messages: ChatMessage[];
  onChange: (messages: ChatMessage[]) => void;
}

const roleOptions: { value: ChatMessage['role']; label: string }[] = [
  { value: 'system', label: 'system' },
  { value: 'user', label: 'user' },
  { value: 'assistant', label: 'assistant' },
];

/** Editable message list. */
export function ChatMessagesEditor({ messages, onChange }: ChatMessagesEditorProps) {
  const update = (i: number, patch: Partial<ChatMessage>) => onChange(messages.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div className="chat-editor">
      {messages.map((m, i) => (
        <div key={i} className="chat-message">
          <div className="chat-message-head">
            <Select size="sm" value={m.role} options={roleOptions} onChange={(role) => update(i, { role })} aria-label={`Message ${i + 1} role`} />
            <div className="spacer" />
            <Button size="sm" variant="ghost" disabled={messages.length === 1} onClick={() => onChange(messages.filter((_, j) => j !== i))} aria-label={`Remove message ${i + 1}`}>
              Remove
            </Button>
          </div>
          <textarea
            className="textarea prompt-text"
            rows={m.role === 'system' ? 2 : 3}
            value={m.content}
            aria-label={`Message ${i + 1} (${m.role})`}
            placeholder={m.role === 'system' ? 'System instructions' : m.role === 'user' ? 'User message' : 'Assistant message'}
            onChange={(e) => update(i, { content: e.currentTarget.value })}
            data-testid={`chat-message-${i}`}
          />
        </div>
      ))}
      <div>
        <Button size="sm" onClick={() => onChange([...messages, { role: messages.at(-1)?.role === 'user' ? 'assistant' : 'user', content: '' }])}>
          Add message
        </Button>
      </div>
    </div>
  );
}
