package org.ipcbus.impl.bus;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The threads every renderer's listeners and promise callbacks run on: a fixed number of workers
 * (about the number of cores) shared by all renderers, however many there are. Each renderer has a
 * {@link PooledLane}, which keeps its tasks in order and one at a time; the pool only runs lanes
 * that have work, one bounded turn each ({@link PooledLane#BATCH} tasks), so a renderer with a deep
 * queue goes to the back after its turn and does not starve the others.
 *
 * <p>A worker held by one turn too long, by a renderer listener that blocks, is left behind
 * ({@link #handOffStalled}): a new worker takes its place in the pool, and the old one ends when
 * its turn does. The blocked renderer waits for its own listener, as it must (its tasks never run
 * concurrently), but no other renderer waits. At most {@link #MAX_LEFT_BEHIND} workers are left
 * behind at once; past that the pool waits, as main's lane does.
 *
 * <p>The workers start with the first task, so a bus whose renderers only send costs no thread.
 * Idle workers spin a little, then park; a submitter wakes a parked worker only if there is one.
 */
final class RendererPool {

  /** The most workers left behind with a stalled turn at once. */
  static final int MAX_LEFT_BEHIND = 6;
  /** How many times an idle worker looks at the queue again before it looks at the clock. */
  private static final int SPINS = 64;
  /** How long an idle worker keeps looking, yielding, before it parks: 20 µs. */
  private static final long IDLE_SPIN_NANOS = 20_000;

  private final String name;
  private final int size;
  private final BusLog log;
  /** Lanes with work, each at most once (its scheduled state says whether it is here or running). */
  private final Queue<PooledLane> ready = new ConcurrentLinkedQueue<>();
  /** Every live worker: the pool's and those left behind. Copied on change; read by submitters. */
  private volatile Worker[] workers = new Worker[0];
  private final AtomicInteger leftBehind = new AtomicInteger();
  private volatile boolean started;
  private volatile boolean closed;
  private int numbered;

  /**
   * @param name the prefix of the workers' names
   * @param size how many workers run lanes at once (not counting those left behind)
   * @param log where a task of the bus that throws is reported
   */
  RendererPool(String name, int size, BusLog log) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive, was " + size);
    }
    this.name = name;
    this.size = size;
    this.log = log;
  }

  /** @return how many workers run lanes at once */
  int size() {
    return size;
  }

  /** @return the workers alive now, those left behind included */
  int threads() {
    return workers.length;
  }

  /** @return a new serial lane for one renderer on this pool */
  PooledLane newLane() {
    return new PooledLane(this, log);
  }

  /** Queues a lane that has work and is not queued or running; called by the lane only. */
  void submit(PooledLane lane) {
    ready.offer(lane);
    if (!started) {
      start();
    }
    wakeOne();
  }

  /** Wakes one parked worker, if any is parked: the others are busy or about to look again. */
  private void wakeOne() {
    for (Worker worker : workers) {
      if (worker.parked && worker.claimWake()) {
        LockSupport.unpark(worker);
        return;
      }
    }
  }

  /**
   * Leaves behind each worker whose turn has run longer than the limit, and starts a new one in its
   * place. Called by the bus's timer.
   *
   * @param limitNanos how long one turn may hold a worker
   * @return a description of the workers left behind for the log, or null if none was
   */
  synchronized String handOffStalled(long limitNanos) {
    if (closed) {
      return null;
    }
    StringBuilder described = null;
    long now = System.nanoTime();
    for (Worker worker : workers) {
      PooledLane lane = worker.lane;
      if (lane == null || worker.leftBehind || now - worker.turnStart < limitNanos) {
        continue;
      }
      if (leftBehind.get() >= MAX_LEFT_BEHIND) {
        break; // too many stuck already: the pool waits for one of them
      }
      worker.leftBehind = true;
      leftBehind.incrementAndGet();
      Worker replacement = startWorker();
      String line = worker.getName() + " has run one turn of " + lane.owner() + " for "
          + TimeUnit.NANOSECONDS.toMillis(now - worker.turnStart) + " ms, at "
          + Arrays.stream(worker.getStackTrace()).limit(3).map(String::valueOf)
              .collect(Collectors.joining(" < "))
          + "; " + replacement.getName() + " takes its place";
      described = described == null ? new StringBuilder(line) : described.append("; ").append(line);
    }
    return described == null ? null : described.toString();
  }

  /**
   * Stops the pool: idle workers end, busy ones end after their turn (interrupted if asked to).
   * Lanes still queued are not run; their renderers were destroyed first.
   *
   * @param interrupt whether to interrupt running tasks, which are user code that may block
   */
  void close(boolean interrupt) {
    closed = true;
    for (Worker worker : workers) {
      if (interrupt && worker != Thread.currentThread()) {
        worker.interrupt();
      }
      LockSupport.unpark(worker);
    }
  }

  /**
   * Waits for the workers to end after {@link #close}.
   *
   * @param millis how long to wait at most
   * @return true if every worker ended
   */
  boolean awaitTermination(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Worker worker : workers) {
      if (worker == Thread.currentThread()) {
        continue;
      }
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(worker, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (worker.isAlive()) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param thread a thread
   * @return the lane whose turn that thread runs now, or null if it is no worker or idle
   */
  static PooledLane laneOf(Thread thread) {
    return thread instanceof Worker worker ? worker.lane : null;
  }

  private synchronized void start() {
    if (!started && !closed) {
      for (int i = 0; i < size; i++) {
        startWorker();
      }
      started = true;
    }
  }

  /** Called with this pool's lock held. */
  private Worker startWorker() {
    Worker worker = new Worker(name + "-" + (++numbered));
    Worker[] grown = Arrays.copyOf(workers, workers.length + 1);
    grown[grown.length - 1] = worker;
    workers = grown;
    worker.start();
    return worker;
  }

  private synchronized void ended(Worker worker) {
    workers = Arrays.stream(workers).filter(other -> other != worker).toArray(Worker[]::new);
    if (worker.leftBehind) {
      leftBehind.decrementAndGet();
    }
  }

  /** One thread of the pool. */
  final class Worker extends Thread {

    /** The lane whose turn this worker runs, or null while idle; what isCurrentThread reads. */
    volatile PooledLane lane;
    /** When the turn started (System.nanoTime); read only while lane is set. */
    volatile long turnStart;
    /** Set while parked or about to park; cleared by the one submitter that wakes it. */
    volatile boolean parked;
    /** The pool went on without this worker: it ends after its turn. */
    volatile boolean leftBehind;
    private final AtomicInteger wakeClaim = new AtomicInteger();

    Worker(String threadName) {
      super(threadName);
      setDaemon(true);
    }

    /** @return true for the one caller that gets to wake this parked worker */
    boolean claimWake() {
      return wakeClaim.compareAndSet(0, 1);
    }

    @Override
    public void run() {
      try {
        while (!closed) {
          PooledLane next = next();
          if (next == null) {
            continue;
          }
          if (!ready.isEmpty()) {
            wakeOne(); // more work than this worker: pass the wake-up on
          }
          turnStart = System.nanoTime();
          next.runTurn(this);
          if (leftBehind) {
            return; // a new worker has this one's place
          }
        }
      } catch (Throwable t) {
        // A lane catches what its tasks throw; this is a bug of the bus.
        log.error("ipcbus renderer worker " + getName() + " failed", t);
      } finally {
        ended(this);
      }
    }

    /** Takes the next lane, spinning a little and then parking while there is none. */
    private PooledLane next() {
      for (int spin = 0; spin < SPINS; spin++) {
        PooledLane lane = ready.poll();
        if (lane != null) {
          return lane;
        }
        Thread.onSpinWait();
      }
      // Then a while by the clock, yielding: the spins above last well under a microsecond on some
      // CPUs, and main's next broadcast to a few renderers comes a few microseconds later.
      long deadline = System.nanoTime() + IDLE_SPIN_NANOS;
      while (System.nanoTime() - deadline < 0 && !closed) {
        PooledLane lane = ready.poll();
        if (lane != null) {
          return lane;
        }
        Thread.yield();
      }
      wakeClaim.set(0);
      parked = true;
      // Looked at again after parked is set: a submitter that queued before it saw parked false.
      PooledLane lane = ready.poll();
      if (lane == null && !closed) {
        LockSupport.park(this);
        lane = ready.poll();
      }
      parked = false;
      return lane;
    }
  }
}
