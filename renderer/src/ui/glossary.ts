// The workbench's glossary: short definitions of the terms its panels and tables use, shown on hover
// (Term) and listed in the keyboard help overlay. Paper citations ("arXiv 2211.17192") become links.

export const glossary: Record<string, string> = {
  'catch-up tokens':
    'EAD: when decoding switches to the other model, that model first prefills the tokens written since it last ran (the catch-up). These tokens cost a prefill, not a decode step.',
  '→L / →S':
    'EAD switch markers: →L hands decoding to the large model, →S back to the small one; "+32" is the number of catch-up tokens the incoming model had to prefill.',
  'matrix hits':
    "Token Recycling: draft-tree nodes filled from rows of the adjacency matrix that earlier steps wrote (candidate tokens recycled from past top-k). The rest came from rows never written yet.",
  'passed, off path':
    'A draft node the target model accepted, but verification chose a deeper path through a sibling, so this token was not committed.',
  'mean acceptance length': '1 + accepted draft tokens / rounds: tokens committed per target forward pass, counting the bonus token (as vLLM reports it).',
  'acceptance by position': 'Unconditional acceptance: rounds whose draft was accepted up to position i, over all rounds.',
  'bonus token': "The target model's own next token after a fully accepted draft path: every round commits at least one token.",
  'param-weighted cost': 'Cost of a run relative to the large model alone: each token weighted by the parameter count of the model that wrote it.',
  'hot start': 'Token Recycling keeps its adjacency matrix across prompts; a hot-started run drafts from what earlier prompts taught it, so runs are not independent.',
  'Wilson interval': 'A 95% confidence interval for an accuracy (a proportion) that stays sensible for small samples and for 0% or 100%.',
  'pass@k': 'The chance that at least one of k samples is correct, estimated without bias from n ≥ k samples per item.',
  nPMI: 'Normalised pointwise mutual information between an expert being routed to and being inside the thinking markers; near 1: the expert fires mostly while reasoning.',
};

const citation = /arXiv (\d{4}\.\d{4,5})/g;

/** Splits text into plain parts and arXiv citations (with their abstract URL). */
export function citationParts(text: string): ({ text: string } | { text: string; href: string })[] {
  const parts: ({ text: string } | { text: string; href: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(citation)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: m[0], href: `https://arxiv.org/abs/${m[1]}` });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
