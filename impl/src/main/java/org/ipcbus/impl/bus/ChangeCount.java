package org.ipcbus.impl.bus;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Counts the changes of what the runtime DTO shows (listeners, handlers, renderers, failed
 * services) and tells an observer of the count, once per burst: a bundle that adds fifty listeners
 * causes one service property update, not fifty.
 */
public final class ChangeCount {

  /** How long after a change the observer is told, so that changes close together are told once. */
  static final long DEBOUNCE_MILLIS = 50;

  private final AtomicLong count = new AtomicLong();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final ScheduledExecutorService timer;
  private volatile LongConsumer observer;

  ChangeCount(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Records one change. */
  public void bump() {
    count.incrementAndGet();
    if (observer != null && scheduled.compareAndSet(false, true)) {
      try {
        timer.schedule(this::publish, DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        scheduled.set(false); // the bus is closed: nobody is left to tell
      }
    }
  }

  /** @return the number of changes so far */
  public long get() {
    return count.get();
  }

  /**
   * Sets who is told of the count after changes.
   *
   * @param newObserver told on the bus's timer thread
   */
  public void observe(LongConsumer newObserver) {
    this.observer = newObserver;
  }

  private void publish() {
    // Cleared before the count is read: a change after this point schedules another publish.
    scheduled.set(false);
    LongConsumer current = observer;
    if (current != null) {
      current.accept(count.get());
    }
  }
}
