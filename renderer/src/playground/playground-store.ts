// The Playground's form (method, models per role, parameters per method, sampling, prompt) and the
// run it shows, remembered in localStorage so a reload keeps the work in progress.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { MethodName } from '@app/methods';
import { isMethodName, modelsByRole } from '@app/methods';
import type { ModelRef } from '@app/models';
import type { ChatMessage, RunRecord } from '@app/runs';
import type { SamplingParams } from '@app/sampling';
import { defaultSampling } from '@app/sampling';
import type { Example } from './examples';

export type PromptKind = 'text' | 'chat' | 'raw';

export interface ExpectedAnswer {
  answer: string;
  kind: 'numeric' | 'exact';
  /** The question it belongs to: editing the prompt drops the expectation. */
  question: string;
}

export interface PlaygroundForm {
  method: MethodName;
  /** Picked model per role name (target, draft, small, large, model). */
  models: Record<string, ModelRef>;
  /** Parameter values per method, kept when switching methods. */
  params: Partial<Record<MethodName, Record<string, unknown>>>;
  sampling: SamplingParams;
  promptKind: PromptKind;
  text: string;
  messages: ChatMessage[];
  expected: ExpectedAnswer | null;
  /** The run shown under the form. */
  runId: string | null;
  /** Field problems by "<method|sampling>.<key>", for disabling Run. */
  fieldErrors: Record<string, string>;
}

interface PlaygroundActions {
  setMethod: (method: MethodName) => void;
  setModel: (role: string, ref: ModelRef) => void;
  setParam: (method: MethodName, key: string, value: unknown) => void;
  setSampling: <K extends keyof SamplingParams>(key: K, value: SamplingParams[K]) => void;
  setFieldError: (id: string, message: string | null) => void;
  setPromptKind: (kind: PromptKind) => void;
  setText: (text: string) => void;
  setMessages: (messages: ChatMessage[]) => void;
  applyExample: (example: Example) => void;
  setRunId: (runId: string | null) => void;
  loadFromRun: (record: RunRecord) => void;
  resetParams: () => void;
}

const initial: PlaygroundForm = {
  method: 'autoregressive',
  models: {},
  params: {},
  sampling: defaultSampling,
  promptKind: 'text',
  text: '',
  messages: [{ role: 'user', content: '' }],
  expected: null,
  runId: null,
  fieldErrors: {},
};

export const usePlayground = create<PlaygroundForm & PlaygroundActions>()(
  persist(
    (set) => ({
      ...initial,
      setMethod: (method) => set({ method }),
      setModel: (role, ref) => set((s) => ({ models: { ...s.models, [role]: ref } })),
      setParam: (method, key, value) => set((s) => ({ params: { ...s.params, [method]: { ...s.params[method], [key]: value } } })),
      setSampling: (key, value) => set((s) => ({ sampling: { ...s.sampling, [key]: value } })),
      setFieldError: (id, message) =>
        set((s) => {
          if ((s.fieldErrors[id] ?? null) === message) return s;
          const fieldErrors = { ...s.fieldErrors };
          if (message) fieldErrors[id] = message;
          else delete fieldErrors[id];
          return { fieldErrors };
        }),
      setPromptKind: (promptKind) => set({ promptKind }),
      setText: (text) => set((s) => ({ text, expected: s.expected && s.expected.question === text ? s.expected : null })),
      setMessages: (messages) => set({ messages }),
      applyExample: (example) =>
        set((s) => ({
          promptKind: s.promptKind === 'raw' ? 'text' : s.promptKind,
          text: example.question,
          messages: [{ role: 'user', content: example.question }],
          expected: { answer: example.answer, kind: example.answerKind, question: example.question },
        })),
      setRunId: (runId) => set({ runId }),
      loadFromRun: (record) =>
        set((s) => {
          const models = { ...s.models };
          for (const [role, ref] of modelsByRole(record.config)) models[role] = ref;
          const params: Record<string, unknown> = { ...record.config.params };
          const prompt = record.prompt;
          return {
            method: record.config.method,
            models,
            params: { ...s.params, [record.config.method]: params },
            sampling: { ...defaultSampling, ...record.config.sampling },
            promptKind: prompt.kind,
            text: prompt.kind === 'chat' ? s.text : prompt.text,
            messages: prompt.kind === 'chat' ? prompt.messages : s.messages,
            expected: null,
            fieldErrors: {},
          };
        }),
      resetParams: () => set((s) => ({ params: { ...s.params, [s.method]: {} }, sampling: defaultSampling, fieldErrors: {} })),
    }),
    {
      name: 'workbench.playground',
      version: 1,
      partialize: (s) => ({
        method: s.method,
        models: s.models,
        params: s.params,
        sampling: s.sampling,
        promptKind: s.promptKind,
        text: s.text,
        messages: s.messages,
        expected: s.expected,
        runId: s.runId,
      }),
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as Partial<PlaygroundForm>;
        // A method removed from the catalog since the last session falls back to the baseline.
        const method = p.method && isMethodName(p.method) ? p.method : current.method;
        return { ...current, ...p, method, sampling: { ...defaultSampling, ...p.sampling } };
      },
    },
  ),
);
