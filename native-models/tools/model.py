"""The embedded models' architecture: a small Llama-style decoder (RMSNorm, rotary attention, SwiGLU),
optionally with a mixture-of-experts MLP, written so that one module serves training and ONNX export.

Graph I/O (see DESIGN.md, "Model I/O contract"):
  inputs   input_ids [B,S] int64, attention_mask [B,P+S] int64, position_ids [B,S] int64,
           attention_bias [B,1,S,P+S] float (added to the causal mask: tree attention),
           past_key_values.{i}.key / .value [B,H,P,D],
           MoE only: router_bias [moe_layers,E] (added to router logits before top-k),
                     router_scale [moe_layers,E] (multiplies the selected gate weights),
                     router_renorm [1] (1: rescale the scaled top-k weights to their original sum, 0: leave them)
  outputs  logits [B,S,V], present.{i}.key / .value [B,H,P+S,D],
           exit_logits.{l} [B,S,V] for early-exit layers (when asked), router_logits [moe_layers,B*S,E]
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

NEG = -1e9  # additive mask value: large enough to zero a softmax weight, finite to avoid NaN rows


class RMSNorm(nn.Module):
    def __init__(self, d, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotary(x, cos, sin):
    """Rotates pairs (i, i + D/2) of the head dimension: the Llama/NeoX layout."""
    half = x.shape[-1] // 2
    rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
    return x * cos + rotated * sin


class Attention(nn.Module):
    def __init__(self, d, heads, head_dim):
        super().__init__()
        self.heads, self.head_dim = heads, head_dim
        self.q = nn.Linear(d, heads * head_dim, bias=False)
        self.k = nn.Linear(d, heads * head_dim, bias=False)
        self.v = nn.Linear(d, heads * head_dim, bias=False)
        self.o = nn.Linear(heads * head_dim, d, bias=False)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        B, S, _ = x.shape
        q = self.q(x).view(B, S, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(x).view(B, S, self.heads, self.head_dim).transpose(1, 2)
        v = self.v(x).view(B, S, self.heads, self.head_dim).transpose(1, 2)
        q, k = rotary(q, cos, sin), rotary(k, cos, sin)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + mask
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.o(out.transpose(1, 2).reshape(B, S, -1)), k, v


class SwiGLU(nn.Module):
    def __init__(self, d, hidden):
        super().__init__()
        self.gate = nn.Linear(d, hidden, bias=False)
        self.up = nn.Linear(d, hidden, bias=False)
        self.down = nn.Linear(hidden, d, bias=False)

    def forward(self, x):
        return self.down(F.silu(self.gate(x)) * self.up(x))


class MoE(nn.Module):
    """Top-k routed experts. Every expert is computed densely and combined with a sparse dispatch
    matrix: exact, export-friendly (no data-dependent shapes), and cheap at this size."""

    def __init__(self, d, hidden, experts, top_k):
        super().__init__()
        self.experts, self.top_k = experts, top_k
        self.router = nn.Linear(d, experts, bias=False)
        self.w_gate = nn.Parameter(torch.randn(experts, d, hidden) * d ** -0.5)
        self.w_up = nn.Parameter(torch.randn(experts, d, hidden) * d ** -0.5)
        self.w_down = nn.Parameter(torch.randn(experts, hidden, d) * hidden ** -0.5)

    def forward(self, x, bias=None, scale=None, renorm=None):
        B, S, D = x.shape
        flat = x.reshape(-1, D)
        logits = self.router(flat)  # [N,E], reported raw (before steering)
        steered = logits if bias is None else logits + bias
        probs = torch.softmax(steered, dim=-1)
        top_w, top_i = torch.topk(probs, self.top_k, dim=-1)
        top_w = top_w / top_w.sum(-1, keepdim=True)
        if scale is not None:
            before = top_w.sum(-1, keepdim=True)
            scaled = top_w * scale[top_i]
            # renorm in {0,1}: 1 rescales the scaled weights back to their original total (identity
            # when scale is 1, whatever the model's own normalisation), 0 leaves them; no branch
            top_w = scaled * (renorm * before / scaled.sum(-1, keepdim=True) + (1 - renorm))
        dispatch = torch.zeros_like(probs).scatter(-1, top_i, top_w)  # [N,E]
        h = torch.einsum("nd,edh->enh", flat, self.w_gate)
        u = torch.einsum("nd,edh->enh", flat, self.w_up)
        y = torch.einsum("enh,ehd->end", F.silu(h) * u, self.w_down)  # [E,N,D]
        out = torch.einsum("end,ne->nd", y, dispatch)
        return out.view(B, S, D), logits, probs


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.norm1 = RMSNorm(cfg["d"])
        self.attn = Attention(cfg["d"], cfg["heads"], cfg["head_dim"])
        self.norm2 = RMSNorm(cfg["d"])
        self.is_moe = cfg.get("experts", 0) > 0
        if self.is_moe:
            self.mlp = MoE(cfg["d"], cfg["expert_hidden"], cfg["experts"], cfg["top_k"])
        else:
            self.mlp = SwiGLU(cfg["d"], cfg["hidden"])

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None, rb=None, rs=None, rn=None):
        a, k, v = self.attn(self.norm1(x), cos, sin, mask, past_k, past_v)
        x = x + a
        if self.is_moe:
            m, logits, probs = self.mlp(self.norm2(x), rb, rs, rn)
        else:
            m, logits, probs = self.mlp(self.norm2(x)), None, None
        return x + m, k, v, logits, probs


class Decoder(nn.Module):
    """cfg: vocab, d, layers, heads, head_dim, hidden | (experts, expert_hidden, top_k), rope_theta."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg["vocab"], cfg["d"])
        self.blocks = nn.ModuleList([Block(cfg) for _ in range(cfg["layers"])])
        self.norm = RMSNorm(cfg["d"])
        inv = 1.0 / (cfg.get("rope_theta", 10000.0) ** (torch.arange(0, cfg["head_dim"], 2).float() / cfg["head_dim"]))
        self.register_buffer("inv_freq", inv, persistent=False)
        nn.init.normal_(self.embed.weight, std=0.02)

    def head(self, h):
        """Shared final norm + tied LM head: every early exit uses the same one (LayerSkip style)."""
        return F.linear(self.norm(h), self.embed.weight)

    def rope(self, position_ids):
        freqs = position_ids.float()[..., None] * self.inv_freq  # [B,S,D/2]
        emb = torch.cat([freqs, freqs], dim=-1)[:, None]  # [B,1,S,D]
        return emb.cos(), emb.sin()

    def build_mask(self, attention_mask, S, attention_bias=None):
        """Additive [B,1,S,T] mask: causal over absolute positions, padding from attention_mask."""
        T = attention_mask.shape[1]
        P = T - S
        q_pos = torch.arange(S, device=attention_mask.device) + P
        k_pos = torch.arange(T, device=attention_mask.device)
        allowed = (k_pos[None, :] <= q_pos[:, None])[None, None] & (attention_mask[:, None, None, :] > 0)
        mask = torch.where(allowed, torch.zeros((), device=attention_mask.device), torch.full((), NEG, device=attention_mask.device))
        if attention_bias is not None:
            mask = mask + attention_bias
        return mask

    def forward(self, input_ids, attention_mask=None, position_ids=None, attention_bias=None, past=None,
                router_bias=None, router_scale=None, router_renorm=None, n_layers=None, exit_layers=()):
        """Returns (logits, presents, exit_logits{l: tensor}, router_logits list, router_probs list).
        n_layers runs only the first n layers (an early-exit draft graph): logits are that exit's."""
        B, S = input_ids.shape
        P = 0 if past is None else past[0][0].shape[2]
        if attention_mask is None:
            attention_mask = torch.ones(B, P + S, dtype=torch.long, device=input_ids.device)
        if position_ids is None:
            position_ids = torch.arange(P, P + S, device=input_ids.device)[None].expand(B, S)
        cos, sin = self.rope(position_ids)
        mask = self.build_mask(attention_mask, S, attention_bias)
        x = self.embed(input_ids)
        n = n_layers or len(self.blocks)
        presents, exits, r_logits, r_probs = [], {}, [], []
        moe_index = 0
        for i in range(n):
            blk = self.blocks[i]
            pk, pv = (None, None) if past is None else past[i]
            rb = rs = None
            if blk.is_moe and router_bias is not None:
                rb, rs = router_bias[moe_index], router_scale[moe_index]
            x, k, v, lg, pr = blk(x, cos, sin, mask, pk, pv, rb, rs, router_renorm)
            presents.append((k, v))
            if blk.is_moe:
                r_logits.append(lg)
                r_probs.append(pr)
                moe_index += 1
            if (i + 1) in exit_layers and (i + 1) < n:
                exits[i + 1] = self.head(x)
        return self.head(x), presents, exits, r_logits, r_probs


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())


def active_parameters(model):
    """Parameters touched per token: an MoE layer counts only top_k of its experts."""
    total = 0
    for name, p in model.named_parameters():
        if ".mlp.w_" in name:
            total += p.numel() // model.cfg["experts"] * model.cfg["top_k"]
        else:
            total += p.numel()
    return total
