package org.ipcbus.impl.bus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One thread that runs tasks one at a time, in the order they were offered: the main dispatch
 * thread (renderers' lanes are {@link PooledLane}s on a shared pool). The thread starts on the
 * first task, so a bus that nobody sends to costs no dispatch thread.
 *
 * <p>The queue itself is unbounded: the bus bounds the messages in it per renderer, and the other
 * tasks (promise callbacks) must never block the thread that completes a promise. It is lock-free:
 * senders and the lane's thread never wait for each other's lock, and a sender only wakes the
 * thread when it is parked.
 *
 * <p>A task that runs too long can be left behind ({@link #handOffIfStalled}): its thread finishes
 * that task and ends, and a new thread goes on with the queue, so that one stuck listener does not
 * stop every other message. At most {@link #MAX_LEFT_BEHIND} threads are left behind at a time.
 * Between two tasks the thread pays no atomic update for this: the watchdog first marks a task it
 * finds too long as suspect, and leaves it behind only if the same task is still running at its
 * next look, a period later; a thread that ends a task says so with an ordered store, then finds the
 * mark with a plain read, and only then settles it by an atomic update (so that it either goes on or
 * knows it was left behind, never both).
 */
public final class SerialLane implements Executor {

  /** The most threads left behind with a stalled task at once; past it the lane waits. */
  static final int MAX_LEFT_BEHIND = 8;
  /** How long an idle thread keeps looking for a task, yielding, before it parks: 50 µs. */
  static final long IDLE_SPIN_NANOS = Long.getLong("org.ipcbus.lane.spin.nanos", 50_000);

  private static final Runnable STOP = () -> {};
  /** The lane whose task the current thread runs, for {@link #isCurrentThread}. */
  private static final ThreadLocal<SerialLane> CURRENT = new ThreadLocal<>();
  /** The lane thread the current thread is, for the clock of {@link #taskStartNanos}. */
  private static final ThreadLocal<Worker> WORKER = new ThreadLocal<>();

  /**
   * Something that needs the time at which the current task ended, and can wait for the lane's
   * next clock read to get it.
   */
  interface Clocked {
    /** @param nanos a System.nanoTime read when the task had ended */
    void clocked(long nanos);
  }

  private static final VarHandle TASK_START;
  private static final VarHandle PROGRESS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TASK_START = lookup.findVarHandle(Worker.class, "taskStart", long.class);
      PROGRESS = lookup.findVarHandle(Worker.class, "progress", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * What a thread of the lane keeps for itself from one task to the next (work its tasks put off
   * to do per batch), and finishes before it waits for a task or ends.
   */
  interface ThreadState {
    /** Does the work put off; on the lane's thread, must not block. */
    void beforeWait();
  }

  private final String name;
  private final BusLog log;
  private final Supplier<? extends ThreadState> threadStates;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /** Every thread of this lane still alive: the active one and those left behind. */
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private volatile Worker active;
  private volatile boolean closed;
  private int started;

  /**
   * Creates a lane; no thread is started yet.
   *
   * @param name the name of its thread
   * @param log where a task that throws is reported
   */
  public SerialLane(String name, BusLog log) {
    this(name, log, () -> null);
  }

  /**
   * Creates a lane whose threads each keep a state of their own across tasks.
   *
   * @param name the name of its thread
   * @param log where a task that throws is reported
   * @param threadStates makes the state of each new thread of the lane (or null for none); see
   *     {@link #threadState}
   */
  SerialLane(String name, BusLog log, Supplier<? extends ThreadState> threadStates) {
    this.name = name;
    this.log = log;
    this.threadStates = threadStates;
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
    Worker worker = active;
    if (worker == null) {
      start();
    } else if (worker.parked) {
      LockSupport.unpark(worker.thread);
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
   * Tells whether the caller runs a task of this lane, on its active thread or on one left behind.
   *
   * @return true on a thread of this lane
   */
  public boolean isCurrentThread() {
    return CURRENT.get() == this;
  }

  /**
   * The clock read at the start of the task the current thread runs. On this kind of VM a clock
   * read costs 60-100 ns, more than the rest of a message's dispatch, so a lane reads it once per
   * task and the task's own timing uses that read.
   *
   * @return when the current lane task started (System.nanoTime), or now off a lane thread
   */
  static long taskStartNanos() {
    Worker worker = WORKER.get();
    return worker == null ? System.nanoTime() : worker.taskStart;
  }

  /**
   * The state of the lane thread the caller runs on: the thread's own, made with the thread,
   * and finished ({@link ThreadState#beforeWait}) whenever its queue is empty and when it ends.
   *
   * @return the state, or null off a lane thread
   */
  static ThreadState threadState() {
    Worker worker = WORKER.get();
    return worker == null ? null : worker.state;
  }

  /**
   * Hands the end time of the current task to {@code check} at the lane's next clock read: the
   * start of its next task or, before it waits for one, a read of its own. Off a lane thread, now.
   * One check per task: a later call replaces it, so call {@link Clocked#clocked} on a pending one
   * yourself first if it matters.
   *
   * @param check what needs the end time
   */
  static void atNextClock(Clocked check) {
    Worker worker = WORKER.get();
    if (worker == null) {
      check.clocked(System.nanoTime());
    } else {
      worker.pendingClock = check;
    }
  }

  /**
   * Gives the current task's pending check ({@link #atNextClock}) the time now: for a task whose
   * caller is answered before the task ends, so that what the check reports comes first.
   */
  static void clockPendingNow() {
    Worker worker = WORKER.get();
    if (worker != null) {
      worker.clockNow();
    }
  }

  /**
   * Leaves the active thread behind if its task has run longer than the limit, and starts a new
   * thread on the queue. The task left behind runs on to its end, alongside later tasks. It takes
   * two calls, a period apart: the first marks a task that has run too long, the second leaves it
   * behind if the same task still runs.
   *
   * @param limitNanos how long one task may hold the lane
   * @return a description of the task left behind for the log, or null if none was
   */
  public synchronized String handOffIfStalled(long limitNanos) {
    Worker current = active;
    if (closed || current == null) {
      return null;
    }
    int phase = current.phase.get();
    long progress = (long) PROGRESS.getAcquire(current);
    long since = current.taskStart;
    // Odd progress: inside a task, which started at since (written before progress).
    boolean stalled = (progress & 1) == 1 && System.nanoTime() - since >= limitNanos;
    if (phase == Worker.RUNNING) {
      if (stalled) {
        // Marked first: the thread may be between two tasks, where it does not look for the mark.
        current.suspectProgress = progress;
        current.phase.compareAndSet(Worker.RUNNING, Worker.SUSPECT);
      }
      return null;
    }
    if (phase != Worker.SUSPECT) {
      return null; // waiting for work, or ended
    }
    if (progress != current.suspectProgress) {
      // The marked task ended since (its end was stored before the thread looked for the mark, and
      // a period has passed: the store is seen). If another one runs too long, it is marked now.
      if (stalled) {
        current.suspectProgress = progress;
      } else {
        current.phase.compareAndSet(Worker.SUSPECT, Worker.RUNNING);
      }
      return null;
    }
    if (workers.size() > MAX_LEFT_BEHIND) {
      return null; // too many stuck threads already: wait for this one
    }
    if (!current.phase.compareAndSet(Worker.SUSPECT, Worker.LEFT_BEHIND)) {
      return null; // its task just ended
    }
    String described = current.thread.getName() + " has run one task for "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) + " ms, at "
        + Arrays.stream(current.thread.getStackTrace()).limit(3).map(String::valueOf)
            .collect(Collectors.joining(" < "));
    startWorker();
    return described + "; " + active.thread.getName() + " goes on with the queue";
  }

  /**
   * Closes the lane: tasks not yet started are dropped, the running ones may finish.
   *
   * @param interrupt whether to interrupt tasks that are running, which are user code that may block
   * @return the tasks dropped, in the order they were offered, so that the caller can give back
   *     what they held
   */
  public List<Runnable> close(boolean interrupt) {
    closed = true;
    List<Runnable> dropped = new ArrayList<>();
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      if (task != STOP) {
        dropped.add(task);
      }
    }
    tasks.add(STOP);
    Worker running = active;
    if (running != null) {
      LockSupport.unpark(running.thread); // to find the STOP
    }
    if (interrupt) {
      for (Worker worker : workers) {
        if (worker.thread != Thread.currentThread()) {
          worker.thread.interrupt();
        }
      }
    }
    return dropped;
  }

  /**
   * Waits for the threads to end after {@link #close}.
   *
   * @param millis how long to wait at most
   * @return true if every thread ended (or none started)
   */
  public boolean awaitTermination(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Worker worker : workers) {
      if (worker.thread == Thread.currentThread()) {
        continue;
      }
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(worker.thread, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (worker.thread.isAlive()) {
        return false;
      }
    }
    return true;
  }

  private synchronized void start() {
    if (active == null && !closed) {
      startWorker();
    }
  }

  private void startWorker() {
    started++;
    Worker worker = new Worker(started == 1 ? name : name + "-" + started);
    workers.add(worker);
    active = worker;
    worker.thread.start();
  }

  /** One thread of the lane. */
  private final class Worker implements Runnable {

    /** Waiting for a task. */
    static final int IDLE = 0;
    /** Running tasks; it stays so from one task to the next while the queue has more. */
    static final int RUNNING = 1;
    /** The lane went on without this thread: it ends after its task. */
    static final int LEFT_BEHIND = 2;
    /** The watchdog found the task running too long, and leaves it behind at its next look. */
    static final int SUSPECT = 3;
    /** The thread ended: nothing hands off from it any more. */
    static final int ENDED = 4;

    /** How many times an idle thread looks at the queue again before it looks at the clock. */
    static final int SPINS = 64;

    final Thread thread;
    final AtomicInteger phase = new AtomicInteger(IDLE);
    /** Set while the thread is parked or about to park, so that a sender knows to wake it. */
    volatile boolean parked;
    /**
     * When the running task started (System.nanoTime); written with a release store (TASK_START),
     * read by the watchdog only while RUNNING or SUSPECT.
     */
    volatile long taskStart;
    /**
     * Two per task: odd while a task runs, even between tasks; ordered stores, so that the watchdog
     * tells a task that still runs from one that ended and a next one that has not started yet.
     */
    volatile long progress;
    /** The progress of the task the watchdog marked SUSPECT; the watchdog's own field. */
    long suspectProgress;
    /** This thread's own state across tasks, or null. */
    final ThreadState state = threadStates.get();

    Worker(String threadName) {
      thread = new Thread(this, threadName);
      thread.setDaemon(true);
    }

    /** Waiting for the end time of the last task, read at the next task's start; this thread only. */
    Clocked pendingClock;

    @Override
    public void run() {
      CURRENT.set(SerialLane.this);
      WORKER.set(this);
      try {
        runTasks();
      } finally {
        phase.set(ENDED);
        runBeforeWait(); // what its tasks put off, now (also on a thread left behind: its own state)
        clockNow();
        workers.remove(this);
      }
    }

    /** Gives a pending check the time now. */
    private void clockNow() {
      if (pendingClock != null) {
        clocked(System.nanoTime());
      }
    }

    private void clocked(long nanos) {
      Clocked check = pendingClock;
      pendingClock = null;
      try {
        check.clocked(nanos);
      } catch (Throwable t) {
        log.error("ipcbus clock check on " + thread.getName() + " failed", t);
      }
    }

    private void runTasks() {
      while (true) {
        Runnable task = tasks.poll();
        if (task == null) {
          if (!goIdle()) {
            return; // left behind: another thread has the queue now
          }
          task = awaitTask();
          if (task == null) {
            if (closed) {
              return;
            }
            continue;
          }
        }
        if (task == STOP) {
          tasks.add(STOP); // for the other threads of the lane
          return;
        }
        long now = System.nanoTime(); // the one clock read per task: see taskStartNanos
        if (pendingClock != null) {
          clocked(now);
        }
        // Ordered stores are enough: the watchdog seeing them late only delays a hand-off.
        TASK_START.setRelease(this, now);
        long done = progress;
        PROGRESS.setRelease(this, done + 1);
        if (phase.get() == IDLE) {
          phase.lazySet(RUNNING); // only this thread changes IDLE
        }
        try {
          task.run();
        } catch (Throwable t) {
          // Tasks report user failures themselves; this is a bug of the bus, and the lane must live on.
          log.error("ipcbus task on " + thread.getName() + " failed", t);
        }
        PROGRESS.setRelease(this, done + 2); // before the mark is looked for: see handOffIfStalled
        if (!stillActive()) {
          return; // left behind: another thread has the queue now
        }
        // An interrupt meant for the task that just ended must not hit the next one.
        Thread.interrupted();
      }
    }

    /**
     * After a task: whether this thread still has the queue. A plain read unless the watchdog
     * marked the task, which the thread then settles with it by one atomic update.
     */
    private boolean stillActive() {
      int now = phase.get();
      return now == RUNNING || now == SUSPECT && phase.compareAndSet(SUSPECT, RUNNING);
    }

    /** Before waiting for a task: false if the thread was left behind instead. */
    private boolean goIdle() {
      while (true) {
        int now = phase.get();
        if (now == LEFT_BEHIND) {
          return false;
        }
        if (now == IDLE || phase.compareAndSet(now, IDLE)) {
          return true;
        }
      }
    }

    private void runBeforeWait() {
      if (state == null) {
        return;
      }
      try {
        state.beforeWait();
      } catch (Throwable t) {
        log.error("ipcbus task on " + thread.getName() + " failed before waiting", t);
      }
    }

    /**
     * Waits for the next task: first what the tasks left for later, then spinning a little, then
     * parking while there is none.
     *
     * @return the task, or null after a wake-up without one (closed, interrupted, spurious)
     */
    private Runnable awaitTask() {
      runBeforeWait();
      clockNow(); // the lane may wait a long time: that time is no task's
      for (int spin = 0; spin < SPINS; spin++) {
        Runnable task = tasks.poll();
        if (task != null) {
          return task;
        }
        Thread.onSpinWait();
      }
      // Then for a while by the clock, giving way to other threads: a sendSync caller sends its next
      // call a few microseconds after its answer, and a parked lane costs it a wake-up, most of a
      // round trip. 64 spins alone last well under a microsecond on some CPUs.
      long deadline = System.nanoTime() + IDLE_SPIN_NANOS;
      while (System.nanoTime() - deadline < 0) {
        Runnable task = tasks.poll();
        if (task != null) {
          return task;
        }
        Thread.yield();
      }
      parked = true;
      // Looked at again after parked is set: a sender that added before it saw parked false.
      Runnable task = tasks.poll();
      if (task == null && !closed) {
        LockSupport.park(this);
        task = tasks.poll();
      }
      parked = false;
      return task;
    }
  }
}
