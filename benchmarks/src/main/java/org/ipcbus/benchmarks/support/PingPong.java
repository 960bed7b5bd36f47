package org.ipcbus.benchmarks.support;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The limit of the round-trip scenarios: a two-thread ping-pong through the same kind of queue as
 * the throughput limit. One responder thread (like the bus's one main thread) takes requests from a
 * shared ArrayBlockingQueue and puts each answer into the caller's own one-slot reply queue.
 */
public final class PingPong implements AutoCloseable {

  private static final Request STOP = new Request(null);

  private final BlockingQueue<Request> requests;
  private final Thread responder;

  /** @param capacity the bound of the request queue */
  public PingPong(int capacity) {
    this.requests = new ArrayBlockingQueue<>(capacity);
    this.responder = new Thread(this::respond, "bench-pingpong-responder");
    responder.setDaemon(true);
    responder.start();
  }

  /** One caller's reusable request: the value sent and its reply slot. */
  public static final class Request {
    private final BlockingQueue<Object> replies;
    private Object value;

    /** @param replies where the responder puts the answer; null only for the stop marker */
    Request(BlockingQueue<Object> replies) {
      this.replies = replies;
    }

    /** @return a request with its own one-slot reply queue */
    public static Request create() {
      return new Request(new ArrayBlockingQueue<>(1));
    }
  }

  /**
   * Sends a value to the responder and waits for its answer (the value itself).
   *
   * @param request the caller's request object
   * @param value the value
   * @return the answer
   * @throws InterruptedException if interrupted while waiting
   */
  public Object call(Request request, Object value) throws InterruptedException {
    request.value = value;
    requests.put(request);
    return request.replies.take();
  }

  private void respond() {
    try {
      while (true) {
        Request request = requests.take();
        if (request == STOP) {
          return;
        }
        request.replies.put(request.value);
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  @Override
  public void close() throws InterruptedException {
    requests.put(STOP);
    responder.join(5_000);
  }
}
