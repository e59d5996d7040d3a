// The prompt: plain text (through the model's chat template), a chat of messages, or raw text fed
// to the model as is.
import type { ChatMessage } from '@app/runs';
import { Tabs } from '../ui/Tabs';
import { ChatMessagesEditor } from './ChatMessagesEditor';
import type { PromptKind } from './playground-store';

export interface PromptEditorProps {
  kind: PromptKind;
  text: string;
  messages: ChatMessage[];
  onKind: (kind: PromptKind) => void;
  onText: (text: string) => void;
  onMessages: (messages: ChatMessage[]) => void;
}

const kindItems: { id: PromptKind; label: string; title: string }[] = [
  { id: 'text', label: 'Text', title: "One user message, rendered with the model's chat template" },
  { id: 'chat', label: 'Chat', title: 'A list of system / user / assistant messages' },
  { id: 'raw', label: 'Raw', title: 'Text fed to the model as is, without the chat template' },
];

/** Prompt input with its mode switch. */
export function PromptEditor({ kind, text, messages, onKind, onText, onMessages }: PromptEditorProps) {
  return (
    <div className="prompt-editor">
      <Tabs label="Prompt form" variant="segmented" items={kindItems} value={kind} onChange={onKind} />
      {kind === 'chat' ? (
        <ChatMessagesEditor messages={messages} onChange={onMessages} />
      ) : (
        <textarea
          className="textarea prompt-text"
          rows={4}
          value={text}
          onChange={(e) => onText(e.currentTarget.value)}
          aria-label={kind === 'raw' ? 'Raw prompt text' : 'Prompt'}
          placeholder={kind === 'raw' ? 'Text continued by the model as is (no chat template), e.g. <think>' : 'Ask something, or pick one of the examples. Ctrl+Enter runs it.'}
          data-testid="prompt-input"
          spellCheck={false}
        />
      )}
    </div>
  );
}
