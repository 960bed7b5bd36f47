package org.ipcbus.impl.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One registration of a listener (or of an invoke handler) on a channel. It guards its own
 * delivery so that once a removal returns, the listener is never entered again, without any lock
 * held while the listener runs. The access policy can suspend it in place (it keeps its place in
 * the order, and its owner can still remove it) with the same guarantee, and restore it.
 *
 * @param <L> the listener type
 */
public final class ListenerEntry<L> {

  /** The longest a removal waits for a running delivery of the listener to end. */
  static final long MAX_WAIT_MILLIS = 5_000;
  /** How often a waiting removal looks at the runner again, in case it missed the notify. */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final VarHandle RUNNER;

  static {
    try {
      RUNNER = MethodHandles.lookup().findVarHandle(ListenerEntry.class, "runner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final L listener;
  private final boolean once;
  private final Object owner;
  private final Actor actor;
  private final AtomicBoolean removed = new AtomicBoolean();
  /** Why the access policy suspends it, or null while it is not suspended. */
  private volatile String denial;
  /** The thread delivering to this listener right now; a removal on another thread waits for it. */
  private volatile Thread runner;

  ListenerEntry(L listener, boolean once, Object owner, Actor actor) {
    this.listener = listener;
    this.once = once;
    this.owner = owner;
    this.actor = actor == null ? Actor.UNKNOWN : actor;
  }

  /** @return the listener */
  public L listener() {
    return listener;
  }

  /** @return whether it runs for one message only */
  public boolean once() {
    return once;
  }

  /** @return who added it: a client of a bundle, or a whiteboard service reference */
  public Object owner() {
    return owner;
  }

  /**
   * @return the bundle that registered it: what the access policy decides on, and who sends as main
   *     when the listener replies
   */
  public Actor actor() {
    return actor;
  }

  /** @return why the access policy suspends it, or null if it does not */
  public String denial() {
    return denial;
  }

  /**
   * Suspends it: no delivery starts after this returns, until {@link #restore}. Unlike a removal
   * this does not wait for a running delivery; call {@link #awaitDelivery} for that, outside any
   * lock.
   *
   * @param why why the access policy refuses it
   */
  void suspend(String why) {
    denial = why;
  }

  /** Ends a suspension: deliveries start again. */
  void restore() {
    denial = null;
  }

  /**
   * Starts a delivery. A {@code once} entry is removed here, before it runs, so it runs at most once.
   *
   * @return false if the entry was removed: do not call the listener (and do not call {@link #exit})
   */
  boolean enter() {
    if (once) {
      // A suspended once entry is skipped, not used up: it may be restored.
      return denial == null && removed.compareAndSet(false, true);
    }
    runner = Thread.currentThread();
    // runner is written before removed (or denial) is read and markRemoved (or suspend followed by
    // awaitDelivery) does the opposite, so either this delivery sees the removal or the removal
    // sees this delivery and waits for it.
    if (removed.get() || denial != null) {
      exit();
      return false;
    }
    return true;
  }

  /** Ends a delivery started by a successful {@link #enter}. */
  void exit() {
    if (once) {
      return;
    }
    // A release store, not a volatile one: it saves a fence on every listener call. A removal that
    // reads runner before this store lands may then wait without being notified, so awaitDelivery
    // looks at runner again every millisecond.
    RUNNER.setRelease(this, (Thread) null);
    if (removed.get() || denial != null) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /**
   * Marks the entry removed: no delivery starts after this returns. A delivery already running on
   * another thread is waited for, so that its listener has returned too, but for
   * {@link #MAX_WAIT_MILLIS} at most: a listener stuck for good must not hang the bundle that removes
   * it. A delivery on the calling thread (a listener that removes itself) is not waited for.
   */
  void markRemoved() {
    removed.set(true);
    awaitDelivery();
  }

  /**
   * Waits until a delivery running on another thread (if any) ended, {@link #MAX_WAIT_MILLIS} at
   * most; after a removal or {@link #suspend}, no other one starts.
   */
  void awaitDelivery() {
    Thread running = runner;
    if (running == null || running == Thread.currentThread()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
    synchronized (this) {
      try {
        long left;
        while (runner == running && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, RECHECK_NANOS));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
