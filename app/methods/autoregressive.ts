// Autoregressive decoding: one token per forward pass, the baseline every method is compared with.
import { z } from 'zod';
import { defineMethod } from './descriptor';

export const autoregressive = defineMethod({
  id: 'autoregressive',
  label: 'Autoregressive',
  summary: 'One token per forward pass: the baseline every method is compared with.',
  family: 'baseline',
  paper: null,
  lossless: true,
  params: z.object({}),
  docs: {},
  roles: { model: { size: 'big', needs: [] } },
  primaryRole: 'model',
  presets: [],
  panels: [],
  metrics: ['targetForwardPasses'],
});
