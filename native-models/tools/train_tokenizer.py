"""Train the byte-level BPE tokenizer shared by every embedded model.

Reads a JSONL corpus (one {"text": ...} per line, produced by `build-data.ts corpus`), learns merges
on it and writes `tokenizer.json` + `tokenizer_config.json` (with the chat template) in the Hugging
Face format that @huggingface/tokenizers and Python `tokenizers` both load.

Design choices, and why:
- byte-level: any input text tokenizes, nothing maps to an unknown token;
- every digit is its own token (the pre-tokenizer isolates \\p{N}): the models learn arithmetic digit
  by digit, and a SpecReason judge score is exactly one token "0".."9";
- role markers, end of turn and the thinking markers are added tokens, never split.

Usage: python3 train_tokenizer.py CORPUS.jsonl OUT_DIR [--vocab 1024]
"""
import argparse
import collections
import json
import os

import regex

# Special tokens first so their ids are stable (0..6) whatever the corpus.
SPECIAL_TOKENS = [
    ("<|pad|>", True),
    ("<|end|>", True),
    ("<|system|>", True),
    ("<|user|>", True),
    ("<|assistant|>", True),
    ("<think>", False),  # shown in decoded text, like Qwen3's thinking markers
    ("</think>", False),
]

# Digits alone; letters and other symbols with an optional leading space; whitespace runs.
PRETOKENIZE_PATTERN = r"\p{N}| ?\p{L}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"

CHAT_TEMPLATE = (
    "{%- for message in messages -%}"
    "{{- '<|' + message['role'] + '|>' + message['content'] + '<|end|>' -}}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '<|assistant|>' -}}{%- endif -%}"
)


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable unicode character table (the ByteLevel alphabet)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_ENCODER = bytes_to_unicode()
SPECIAL_SPLIT = regex.compile("(" + "|".join(regex.escape(t) for t, _ in SPECIAL_TOKENS) + ")")
PRETOKENIZE = regex.compile(PRETOKENIZE_PATTERN)


def pretokenize(text):
    """Splits text the way the tokenizer.json pre-tokenizer does, minus added tokens."""
    for piece in SPECIAL_SPLIT.split(text):
        if not piece or piece in {t for t, _ in SPECIAL_TOKENS}:
            continue
        for m in PRETOKENIZE.finditer(piece):
            yield "".join(BYTE_ENCODER[b] for b in m.group(0).encode("utf-8"))


def train(word_counts, vocab_size, n_base):
    """Classic BPE: repeatedly merge the most frequent adjacent pair (ties broken by the pair)."""
    words = {w: list(w) for w in word_counts}
    merges = []
    target = vocab_size - n_base
    while len(merges) < target:
        pairs = collections.Counter()
        for w, syms in words.items():
            c = word_counts[w]
            for a, b in zip(syms, syms[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        best = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if pairs[best] < 2:
            break
        merges.append(best)
        merged = best[0] + best[1]
        for w, syms in words.items():
            if len(syms) < 2:
                continue
            out, i = [], 0
            while i < len(syms):
                if i + 1 < len(syms) and syms[i] == best[0] and syms[i + 1] == best[1]:
                    out.append(merged)
                    i += 2
                else:
                    out.append(syms[i])
                    i += 1
            words[w] = out
    return merges


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out_dir")
    ap.add_argument("--vocab", type=int, default=1024)
    args = ap.parse_args()

    counts = collections.Counter()
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                counts.update(pretokenize(json.loads(line)["text"]))

    alphabet = [BYTE_ENCODER[b] for b in range(256)]
    n_base = len(SPECIAL_TOKENS) + len(alphabet)
    merges = train(counts, args.vocab, n_base)

    vocab = {}
    for tok, _ in SPECIAL_TOKENS:
        vocab[tok] = len(vocab)
    for ch in alphabet:
        vocab[ch] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))

    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": special}
            for t, special in SPECIAL_TOKENS
        ],
        "normalizer": None,
        "pre_tokenizer": {
            "type": "Sequence",
            "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": PRETOKENIZE_PATTERN}, "behavior": "Isolated", "invert": False},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
            ],
        },
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": vocab,
            "merges": [f"{a} {b}" for a, b in merges],
        },
    }
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": 512,
        "bos_token": None,
        "eos_token": "<|end|>",
        "pad_token": "<|pad|>",
        "unk_token": None,
        "add_bos_token": False,
        "add_eos_token": False,
        "clean_up_tokenization_spaces": False,
        "additional_special_tokens": ["<|system|>", "<|user|>", "<|assistant|>"],
        "chat_template": CHAT_TEMPLATE,
    }
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=1)
    with open(os.path.join(args.out_dir, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:5]
    print(f"vocab {len(vocab)} ({len(merges)} merges) from {sum(counts.values())} pre-tokens, {len(counts)} distinct; top {top}")


if __name__ == "__main__":
    main()
