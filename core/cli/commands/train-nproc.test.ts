import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { recordingIo } from '../test-io';

const mnistCnn = fileURLToPath(new URL('../../../projects/mnist-cnn.json', import.meta.url));

describe('neuroblocks train --engine pytorch --nproc', () => {
  it('trains the course CNN in two processes with DistributedDataParallel (gloo) to at least 94 % on the held-out digits', async () => {
    const io = recordingIo();
    const code = await main(
      ['train', mnistCnn, '--engine', 'pytorch', '--device', 'cpu', '--nproc', '2', '--python', '/usr/bin/python3'],
      io,
    );
    const text = io.text();
    expect(code, text).toBe(0);
    expect(text).toMatch(/on pytorch: PyTorch \S+ · CPU \(\d+ threads?\) × 2 processes \(DistributedDataParallel, gloo\)/);
    expect(text).toMatch(/^Epoch 10\/10 · /m);
    const accuracy = Number(/Test accuracy: ([\d.]+)% on 10000 held-out samples/.exec(text)![1]);
    console.log(`course CNN on PyTorch, 2 processes: ${accuracy}% on the held-out digits`);
    expect(accuracy).toBeGreaterThanOrEqual(94);
  }, 600_000);
});
