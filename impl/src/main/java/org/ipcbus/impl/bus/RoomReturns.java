package org.ipcbus.impl.bus;

/**
 * The queue places a thread of main's lane has taken messages from but not yet given back: main
 * gives them back per batch, not per message. Giving back a place is an atomic update of a counter
 * that every sender of the queue updates too, so per message it was a contended cache line on
 * main's thread, the one thread every message goes through. A batch ends when the next message
 * comes from another queue, when it holds a 64th of either bound of its queue (the share at which
 * waiting senders are woken anyway, see {@link QueueLimit}), and when the thread has nothing more
 * to do ({@link #beforeWait}). So a batch never holds back more than a 64th of a queue, and an idle
 * main holds back nothing.
 *
 * <p>Each thread of the lane has its own ({@link SerialLane#threadState}), so that a thread left
 * behind with a stalled listener and the thread that goes on share nothing: the one left behind
 * gives its batch back when its listener returns.
 */
final class RoomReturns implements SerialLane.ThreadState {

  /** The queue of the places held back, or null when none are. */
  private QueueLimit queue;
  private int count;
  private long bytes;

  /**
   * Holds back the place of a message that main's lane has taken, giving back the batch when it
   * is due; off main's lane, gives it back at once.
   *
   * @param from the queue the message left
   * @param size the bytes it entered with
   */
  static void taken(QueueLimit from, long size) {
    if (SerialLane.threadState() instanceof RoomReturns held) {
      held.hold(from, size);
    } else {
      from.leave(size);
    }
  }

  private void hold(QueueLimit from, long size) {
    if (from != queue && count > 0) {
      beforeWait();
    }
    queue = from;
    count++;
    bytes += size;
    if (from.isWakeStep(count, bytes)) {
      beforeWait();
    }
  }

  /** Gives back every place held back. */
  @Override
  public void beforeWait() {
    if (count > 0) {
      queue.leave(count, bytes);
      count = 0;
      bytes = 0;
    }
  }
}
