package org.ipcbus.impl.bus;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One thread that runs tasks one at a time, in the order they were offered: the main dispatch
 * thread, or a renderer's thread. The thread starts on the first task, so a renderer that only
 * sends costs no thread.
 *
 * <p>The queue itself is unbounded: the bus bounds the messages in it per renderer, and the other
 * tasks (promise callbacks) must never block the thread that completes a promise.
 */
public final class SerialLane implements Executor {

  private static final Runnable STOP = () -> {};

  private final String name;
  private final BusLog log;
  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private volatile Thread thread;
  private volatile boolean closed;

  /**
   * Creates a lane; no thread is started yet.
   *
   * @param name the name of its thread
   * @param log where a task that throws is reported
   */
  public SerialLane(String name, BusLog log) {
    this.name = name;
    this.log = log;
  }

  /**
   * Queues a task.
   *
   * @param task the task
   * @return false if the lane is closed; the task will not run
   */
  public boolean offer(Runnable task) {
    if (closed) {
      return false;
    }
    tasks.add(task);
    if (thread == null) {
      start();
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

  /**
   * Tells whether the caller runs on this lane.
   *
   * @return true on this lane's thread
   */
  public boolean isCurrentThread() {
    return Thread.currentThread() == thread;
  }

  /**
   * Closes the lane: tasks not yet started are dropped, the running one may finish.
   *
   * @param interrupt whether to interrupt a task that is running, which is user code that may block
   */
  public void close(boolean interrupt) {
    closed = true;
    tasks.clear();
    tasks.add(STOP);
    Thread running = thread;
    if (interrupt && running != null && running != Thread.currentThread()) {
      running.interrupt();
    }
  }

  /**
   * Waits for the thread to end after {@link #close}.
   *
   * @param millis how long to wait at most
   * @return true if the thread ended (or never started)
   */
  public boolean awaitTermination(long millis) {
    Thread running = thread;
    if (running == null || running == Thread.currentThread()) {
      return true;
    }
    try {
      running.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !running.isAlive();
  }

  private synchronized void start() {
    if (thread != null) {
      return;
    }
    Thread started = new Thread(this::runTasks, name);
    started.setDaemon(true);
    thread = started;
    started.start();
  }

  private void runTasks() {
    while (true) {
      Runnable task;
      try {
        task = tasks.take();
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (task == STOP) {
        return;
      }
      try {
        task.run();
      } catch (Throwable t) {
        // Tasks report user failures themselves; this is a bug of the bus, and the lane must live on.
        log.error("ipcbus task on " + name + " failed", t);
      }
      // An interrupt meant for the task that just ended must not hit the next one.
      Thread.interrupted();
    }
  }
}
