"""Reads the token files written by build-data.ts: `<name>.bin` (uint16 token ids, concatenated) and
`<name>.idx` (int32 triples: offset, length, loss_start). loss_start is the index of the first token
the model is trained to predict (the assistant's reply; the judge's digit)."""
import json
import os

import numpy as np
import torch

PAD_ID = 0
END_ID = 1


class TokenSet:
    def __init__(self, data_dir, name):
        self.name = name
        self.tokens = np.fromfile(os.path.join(data_dir, f"{name}.bin"), dtype=np.uint16)
        self.index = np.fromfile(os.path.join(data_dir, f"{name}.idx"), dtype=np.int32).reshape(-1, 3)

    def __len__(self):
        return len(self.index)

    def example(self, i):
        off, n, start = self.index[i]
        return self.tokens[off:off + n].astype(np.int64), int(start)

    def to_device(self, device):
        """Pads every example once into device tensors so a batch is a gather, not a Python loop."""
        n, L = len(self.index), int(self.index[:, 1].max())
        x = np.full((n, L - 1), PAD_ID, dtype=np.int64)
        y = np.full((n, L - 1), -100, dtype=np.int64)
        for r, (off, ln, start) in enumerate(self.index):
            seq = self.tokens[off:off + ln].astype(np.int64)
            x[r, :ln - 1] = seq[:-1]
            y[r, start - 1:ln - 1] = seq[start:]
        self.x, self.y = torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)
        return self

    def device_batch(self, idx):
        """idx: numpy array of example indices; the batch is trimmed to its longest example. The width
        comes from the host-side index, so building a batch never waits for the GPU."""
        width = int(self.index[idx, 1].max()) - 1
        t = torch.from_numpy(idx).to(self.x.device, non_blocking=True)
        return self.x[t, :width], self.y[t, :width]

    def batch(self, ids, device):
        """Right-padded inputs and targets; targets are -100 outside the trained span."""
        exs = [self.example(i) for i in ids]
        T = max(len(e[0]) for e in exs)
        x = np.full((len(exs), T - 1), PAD_ID, dtype=np.int64)
        y = np.full((len(exs), T - 1), -100, dtype=np.int64)
        for r, (seq, start) in enumerate(exs):
            x[r, :len(seq) - 1] = seq[:-1]
            y[r, start - 1:len(seq) - 1] = seq[start:]
        return torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)


def load_eval(data_dir, name="eval_test"):
    """Evaluation prompts: JSONL of {family, difficulty, prompt_ids, answer, kind}."""
    with open(os.path.join(data_dir, f"{name}.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
