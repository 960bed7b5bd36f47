package org.ipcbus.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sending side of a connection, over a real pipe whose reader reads only when told to. */
class FrameOutboxTest {

  private final Pipe pipe;
  private final AtomicReference<IOException> failure = new AtomicReference<>();

  FrameOutboxTest() throws IOException {
    pipe = Pipe.open();
  }

  @AfterEach
  void close() throws IOException {
    pipe.sink().close();
    pipe.source().close();
  }

  private FrameOutbox outbox(long budget) {
    return new FrameOutbox(pipe.sink(), 1 << 20, budget, "test-writer", failure::set);
  }

  @Test
  void framesArriveInOrderAsFramesAndFlushAndCloseWritesWhatWasQueued() throws Exception {
    FrameOutbox outbox = outbox(1 << 20);
    for (int i = 0; i < 1_000; i++) {
      assertTrue(outbox.post(new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    outbox.flushAndClose(5_000);
    assertFalse(outbox.post(new byte[] {1}), "a closed outbox drops what is posted");
    FrameReader reader = new FrameReader(pipe.source(), 1 << 20);
    for (int i = 0; i < 1_000; i++) {
      ByteBuffer frame = reader.read();
      assertEquals(2, frame.remaining());
      assertEquals((byte) i, frame.get());
      assertEquals((byte) (i >> 8), frame.get());
    }
  }

  /**
   * A reader that does not read holds the bounded frames to the budget, counting each frame's heap
   * overhead too, so that a flood of tiny frames cannot hold the heap many times the budget.
   */
  @Test
  void boundedFramesWaitWhileTheBudgetIsHeldCountingEachFramesOverhead() throws Exception {
    long budget = 64 * 1024;
    FrameOutbox outbox = outbox(budget);
    byte[] tiny = new byte[4];
    int posted = 0;
    long start = System.nanoTime();
    try {
      while (true) {
        outbox.postBounded(tiny, 200);
        posted++;
      }
    } catch (TimeoutException e) {
      assertTrue(e.getMessage().contains("waited for it for 200 ms"), e.getMessage());
    }
    assertTrue(System.nanoTime() - start >= 200_000_000L);
    // The pipe's own buffer took some frames; what waits in the outbox is within the budget.
    assertTrue(outbox.boundedBytes() <= budget, outbox.boundedBytes() + " bytes wait");
    // Counting bodies alone, the outbox would take budget / 4 = 16,384 frames besides what the pipe's
    // buffer (64 KiB: 8,192 frames of 8 bytes) holds; with the overhead it takes 64 KiB / 100 = 655.
    assertTrue(posted < budget / tiny.length, posted + " tiny frames were accepted: their overhead is not counted");
    outbox.close();
  }

  @Test
  void oneFrameLargerThanTheBudgetPassesAloneAndRoomComesBackWhenTheReaderReads() throws Exception {
    FrameOutbox outbox = outbox(1_000);
    byte[] large = new byte[100_000];
    assertTrue(outbox.postBounded(large, 1_000));
    FrameReader reader = new FrameReader(pipe.source(), 1 << 20);
    assertEquals(large.length, reader.read().remaining());
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (outbox.boundedBytes() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(0, outbox.boundedBytes());
    assertTrue(outbox.postBounded(new byte[10], 1_000));
    assertEquals(10, reader.read().remaining());
    outbox.close();
  }

  @Test
  void aFrameLargerThanTheOtherSideAcceptsIsRefusedAndNothingIsQueued() {
    FrameOutbox outbox = new FrameOutbox(pipe.sink(), 100, 1 << 20, "test-writer", failure::set);
    WireFormatException refused = assertThrows(WireFormatException.class, () -> outbox.post(new byte[101]));
    assertTrue(refused.getMessage().contains("101 bytes"), refused.getMessage());
    assertEquals(0, outbox.boundedBytes());
    outbox.close();
  }
}
