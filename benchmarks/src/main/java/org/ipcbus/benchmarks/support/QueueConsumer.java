package org.ipcbus.benchmarks.support;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The limit of the throughput scenario: a plain bounded queue (ArrayBlockingQueue with the bus's
 * default queue capacity) handed from the sender threads to one consumer thread that counts.
 */
public final class QueueConsumer implements AutoCloseable {

  private static final Object STOP = new Object();

  private final BlockingQueue<Object> queue;
  private final Counter delivered = new Counter();
  private final Thread consumer;

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
    try {
      while (true) {
        Object message = queue.take();
        if (message == STOP) {
          return;
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
