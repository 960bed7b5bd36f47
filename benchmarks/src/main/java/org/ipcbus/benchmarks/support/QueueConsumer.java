package org.ipcbus.benchmarks.support;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The limit of the throughput scenario: a plain bounded queue (ArrayBlockingQueue with the bus's
 * default queue capacity) handed from the sender threads to one consumer thread that counts. An
 * {@link Envelope} is opened (its channel and argument read), as a bus's dispatch reads a message.
 */
public final class QueueConsumer implements AutoCloseable {

  private static final Object STOP = new Object();

  private final BlockingQueue<Object> queue;
  private final Counter delivered = new Counter();
  private final Thread consumer;
  /** What the consumer read of the envelopes, so that the reads are not optimized away. */
  private volatile int opened;

  /** @param capacity the queue's bound */
  public QueueConsumer(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.consumer = new Thread(this::consume, "bench-queue-consumer");
    consumer.setDaemon(true);
    consumer.start();
  }

  /**
   * Hands a message to the consumer, waiting while the queue is full.
   *
   * @param message the message
   * @throws InterruptedException if interrupted while waiting
   */
  public void put(Object message) throws InterruptedException {
    queue.put(message);
  }

  /** @return the messages consumed so far */
  public long delivered() {
    return delivered.sum();
  }

  private void consume() {
    int read = 0;
    try {
      while (true) {
        Object message = queue.take();
        if (message == STOP) {
          opened = read;
          return;
        }
        if (message instanceof Envelope envelope) {
          read += envelope.channel().length() + envelope.args()[0].hashCode();
        }
        delivered.increment();
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  @Override
  public void close() throws InterruptedException {
    queue.clear();
    queue.put(STOP);
    consumer.join(5_000);
  }
}
