package org.ipcbus.impl.bus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * One renderer's serial executor on the shared {@link RendererPool}: its tasks (main's messages to
 * it, its promise callbacks) run in the order they were offered and never two at once, on whichever
 * pool worker takes the lane's turn. A lane costs no thread, only a queue: ten thousand renderers
 * share the pool's few workers.
 *
 * <p>The lane is in the pool's queue, or running on a worker, at most once: {@code scheduled} says
 * so, and only the offer that sets it queues the lane. A turn runs at most {@link #BATCH} tasks, then
 * the lane goes to the back of the pool's queue if it has more, so that a renderer with a deep queue
 * does not starve the others.
 */
final class PooledLane implements Executor {

  /** The most tasks of one lane a worker runs before it lets the other lanes have a turn. */
  static final int BATCH = 64;

  private static final VarHandle SCHEDULED;

  static {
    try {
      SCHEDULED = MethodHandles.lookup().findVarHandle(PooledLane.class, "scheduled", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final RendererPool pool;
  private final BusLog log;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** 1 while the lane is queued in the pool or running a turn, else 0; through SCHEDULED. */
  @SuppressWarnings("unused")
  private volatile int scheduled;
  /**
   * The worker running this lane's turn, for an interrupt at close. Set without the lock (a close
   * that misses it finds the turn before its first task, which then sees closed); cleared under it.
   */
  private volatile Thread runner;
  private volatile boolean closed;
  private volatile Object owner = "a renderer";

  PooledLane(RendererPool pool, BusLog log) {
    this.pool = pool;
    this.log = log;
  }

  /**
   * Names what the lane runs for, in the log line of a hand-off.
   *
   * @param who e.g. the renderer
   */
  void owner(Object who) {
    owner = who;
  }

  Object owner() {
    return owner;
  }

  /**
   * Queues a task.
   *
   * @param task the task
   * @return false if the lane is closed; the task will not run
   */
  boolean offer(Runnable task) {
    if (closed) {
      return false;
    }
    tasks.add(task);
    // A plain read first: while the lane is queued or running, a burst of offers costs no CAS.
    if (scheduled == 0 && SCHEDULED.compareAndSet(this, 0, 1)) {
      pool.submit(this);
    }
    return true;
  }

  /**
   * Queues a task, or runs it on the calling thread if the lane is closed, so that no promise
   * callback is ever lost.
   */
  @Override
  public void execute(Runnable task) {
    if (!offer(task)) {
      task.run();
    }
  }

  /** @return true if the calling thread runs a task of this lane now */
  boolean isCurrentThread() {
    return RendererPool.laneOf(Thread.currentThread()) == this;
  }

  /**
   * Closes the lane: tasks not yet started are dropped, a running one may finish.
   *
   * @param interrupt whether to interrupt a running task, which is user code that may block
   * @return the tasks dropped, in the order they were offered
   */
  List<Runnable> close(boolean interrupt) {
    closed = true;
    List<Runnable> dropped = new ArrayList<>();
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      dropped.add(task);
    }
    if (interrupt) {
      synchronized (this) {
        // Under the lock that ends a turn: the worker is still on this lane, and it clears the
        // interrupt before it runs any other lane's task.
        if (runner != null && runner != Thread.currentThread()) {
          runner.interrupt();
        }
      }
    }
    return dropped;
  }

  /**
   * Runs one turn on a pool worker: up to {@link #BATCH} tasks, then gives the lane back.
   *
   * @param worker the calling worker
   */
  void runTurn(RendererPool.Worker worker) {
    runner = worker;
    worker.lane = this;
    try {
      for (int i = 0; i < BATCH && !closed; i++) {
        Runnable task = tasks.poll();
        if (task == null) {
          break;
        }
        try {
          task.run();
        } catch (Throwable t) {
          // Tasks report user failures themselves; this is a bug of the bus, and the lane lives on.
          log.error("ipcbus task of " + owner + " on " + worker.getName() + " failed", t);
        }
      }
    } finally {
      worker.lane = null;
      synchronized (this) {
        runner = null;
      }
      // An interrupt meant for this lane's task must not hit another lane's.
      Thread.interrupted();
      release();
    }
  }

  /** Ends a turn: back to the pool if there is more, else idle until the next offer. */
  private void release() {
    if (closed) {
      return; // stays scheduled, so that no later offer queues it again
    }
    if (!tasks.isEmpty()) {
      pool.submit(this); // to the back of the queue: the others get their turn first
      return;
    }
    scheduled = 0;
    // An offer that saw scheduled == 1 before the store above left its task for this turn to see.
    if (!tasks.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
      pool.submit(this);
    }
  }
}
