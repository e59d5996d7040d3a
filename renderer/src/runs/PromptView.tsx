// A run's prompt as the user wrote it (text or chat messages), and the rendered text the model saw.
import type { Prompt } from '@app/runs';

export interface PromptViewProps {
  prompt: Prompt;
  promptText: string | null;
}

/** Prompt and rendered prompt. */
export function PromptView({ prompt, promptText }: PromptViewProps) {
  return (
    <div className="run-section-body">
      {prompt.kind === 'chat' ? (
        <div className="run-chat">
          {prompt.messages.map((m, i) => (
            <div key={i}>
              <div className="run-chat-role">{m.role}</div>
              <pre className="run-prompt-text">{m.content}</pre>
            </div>
          ))}
        </div>
      ) : (
        <pre className="run-prompt-text" data-testid="run-prompt">
          {prompt.text}
        </pre>
      )}
      <details className="run-details">
        <summary>Rendered prompt {prompt.kind === 'raw' ? '(raw: no chat template)' : '(after the chat template)'}</summary>
        {promptText === null ? <p className="faint">Not recorded (the run did not start).</p> : <pre className="run-prompt-text">{promptText}</pre>}
      </details>
    </div>
  );
}
